import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, templateName, withDatabase } from '../../support/test-db';
import { freePort, ServerProcess } from './processes';

/** A database of this test's own, cloned from the migrated template, on the suite's PostgreSQL. */
export async function cloneDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const name = `pos_fault_${randomBytes(6).toString('hex')}`;
  await admin(base, `create database ${name} template ${templateName()}`);
  return { url: withDatabase(base, name), drop: () => admin(base, `drop database if exists ${name} with (force)`) };
}

/** An API server process on a free port, with its own data directory (removed by `cleanup`). */
export async function serverProcess(env: Record<string, string>): Promise<{ server: ServerProcess; cleanup(): void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pos-fault-'));
  const server = new ServerProcess(await freePort(), {
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RUN_JOBS: 'false',
    REDIS_URL: '',
    ...env,
  });
  return { server, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}
