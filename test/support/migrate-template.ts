import 'reflect-metadata';
import { initOrm, migrateToLatest } from '../../src/db/orm';

/**
 * Migrates the database at argv[2]. Run as its own process by globalSetup:
 * MikroORM's metadata must not be loaded in jest's parent realm, or suites
 * that jest runs in band there see two realms' metadata.
 */
async function main(): Promise<void> {
  const orm = await initOrm(process.argv[2]);
  try {
    await migrateToLatest(orm);
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
