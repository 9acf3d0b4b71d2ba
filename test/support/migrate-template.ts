import 'reflect-metadata';
import { initOrm, migrateToLatest } from '../../src/db/orm';
import { JobQueue } from '../../src/jobs/job-queue';
import { createLogger } from '../../src/logger';

/**
 * Migrates the database at argv[2]. Run as its own process by globalSetup:
 * MikroORM's metadata must not be loaded in jest's parent realm, or suites
 * that jest runs in band there see two realms' metadata.
 */
async function main(): Promise<void> {
  const orm = await initOrm(process.argv[2]);
  try {
    await migrateToLatest(orm);
    // pg-boss installs its schema on first start: do it once here, so cloned databases have it.
    const jobs = new JobQueue(process.argv[2], createLogger('warn', false));
    await jobs.start({ work: false });
    await jobs.stop();
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
