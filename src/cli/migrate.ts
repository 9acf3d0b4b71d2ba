import { loadConfig } from '../config';
import { resolveDatabase } from '../bootstrap';
import { initOrm, migrateToLatest } from '../db/orm';
import { createLogger } from '../logger';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, !config.production);
  const db = await resolveDatabase(config, log);
  const orm = await initOrm(db.url);
  try {
    await migrateToLatest(orm, log);
    log.info('database is up to date');
  } finally {
    await orm.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
