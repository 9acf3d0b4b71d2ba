import { loadConfig } from '../config';
import { resolveDatabase } from '../bootstrap';
import { initOrm, migrateToLatest } from '../db/orm';
import { createLogger } from '../logger';
import { createServices } from '../services';
import { DEMO, seedDemo } from '../services/tenancy/demo-seed';
import { createEventBus } from '../services/realtime/event-bus';
import { JobQueue } from '../jobs/job-queue';
import { API_SHAPES } from '../schema/api-shapes';

/** `npm run seed:demo`: creates the demo tenant in DATABASE_URL's database, once. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, !config.production);
  const db = await resolveDatabase(config, log);
  const orm = await initOrm(db.url);
  const events = createEventBus(undefined);
  try {
    await migrateToLatest(orm, log);
    const created = await seedDemo(
      createServices({ orm, config, log, events, jobs: new JobQueue(db.url, log), apiShapes: API_SHAPES }),
    );
    log.info(created ? `demo tenant created: ${DEMO.email} / ${DEMO.password}` : 'demo tenant already exists');
  } finally {
    await orm.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
