import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { execFileSync } from 'node:child_process';
import { createLogger } from '../../src/logger';
import { admin, withDatabase } from './test-db';

/**
 * One migrated template database per run (the real migrations, never
 * schema:update); every test file clones its own database from it.
 * PostgreSQL: DATABASE_URL when set, else an embedded one in ./.data/pg-test.
 */
export default async function globalSetup(): Promise<void> {
  const log = createLogger('warn', false);
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const port = Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54330);
    const db = await startEmbeddedPostgres(path.resolve('.data/pg-test'), port, 'postgres', log);
    (globalThis as { __embeddedPg?: { stop(): Promise<void> } }).__embeddedPg = db;
    baseUrl = db.url;
    process.env.DATABASE_URL = baseUrl;
  }
  const template = `pos_test_template_${process.pid}`;
  await admin(baseUrl, `drop database if exists ${template}`, `create database ${template}`);
  execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(__dirname, 'migrate-template.ts'),
      withDatabase(baseUrl, template),
    ],
    { stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: path.resolve('tsconfig.json') } },
  );
  process.env.TEST_TEMPLATE_DB = template;
  if (!process.env.REDIS_URL) {
    console.log('\nREDIS_URL is unset: suites under test/redis are not selected (CI sets REDIS_URL and runs them).');
  }
}
