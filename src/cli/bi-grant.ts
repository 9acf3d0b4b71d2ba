import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { initOrm, migrateToLatest } from '../db/orm';
import { grantBiAccess } from '../services/reporting/bi-access';

/**
 * npm run bi:grant -- --tenant <slug> [--role bi_name] [--timeout 30s]
 * Creates (or re-keys) a read-only PostgreSQL role that sees only that
 * tenant's rows through the `reporting` views of DATABASE_URL's database, and
 * prints its password once (docs/reports.md, "Direct SQL for BI tools").
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, role: { type: 'string' }, timeout: { type: 'string' } },
  });
  if (!values.tenant) throw new Error('usage: npm run bi:grant -- --tenant <slug> [--role name] [--timeout 30s]');
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('set DATABASE_URL (the database to grant on)');
  const orm = await initOrm(config.databaseUrl);
  try {
    await migrateToLatest(orm);
    const grant = await grantBiAccess(orm.em.fork(), {
      tenantSlug: values.tenant,
      role: values.role,
      statementTimeout: values.timeout,
    });
    const url = new URL(config.databaseUrl);
    url.username = grant.role;
    url.password = grant.password;
    console.log(
      `role ${grant.role}: tenant ${values.tenant}, read-only, statement_timeout ${grant.statementTimeout}, schema reporting`,
    );
    console.log(`password (shown once): ${grant.password}`);
    console.log(`connect: ${url.toString()}`);
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
