import 'reflect-metadata';
import { AppConfig, loadConfig } from './config';
import { initOrm } from './db/orm';
import { registerJobs } from './jobs/definitions';
import { JobDefinition, JobQueue } from './jobs/job-queue';
import { createLogger, Logger } from './logger';
import { createServices } from './services';
import { createEventBus } from './services/realtime/event-bus';
import { API_SHAPES } from './schema/api-shapes';

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * A job worker without HTTP (`npm run worker`): the ORM, the event bus and
 * the job queue working every registered queue, so workers scale apart from
 * the API. It needs DATABASE_URL (the embedded database belongs to the server
 * process) and a database the server has migrated. `extraJobs` lets a test
 * harness add its own queues to the same worker.
 */
export async function startWorker(
  config: AppConfig,
  options: { log?: Logger; extraJobs?: JobDefinition[]; maintenanceIntervalSeconds?: number } = {},
): Promise<RunningWorker> {
  if (!config.databaseUrl)
    throw new Error('npm run worker needs DATABASE_URL (the server runs jobs itself on the embedded database)');
  const log = options.log ?? createLogger(config.logLevel, !config.production);
  const orm = await initOrm(config.databaseUrl);
  const events = createEventBus(config.redisUrl, log);
  const { maintenanceIntervalSeconds } = options;
  const jobs = new JobQueue(config.databaseUrl, log, maintenanceIntervalSeconds ? { maintenanceIntervalSeconds } : {});
  const services = createServices({ orm, config, log, events, jobs, apiShapes: API_SHAPES });
  registerJobs(services);
  for (const job of options.extraJobs ?? []) jobs.define(job);
  await jobs.start({ work: true });
  log.info('job worker started');
  return {
    async stop() {
      await jobs.stop();
      await events.close();
      await orm.close();
    },
  };
}

async function main(): Promise<void> {
  const worker = await startWorker(loadConfig());
  const shutdown = (signal: string) => {
    // Graceful: pg-boss stops fetching and waits (up to 10 s) for active jobs.
    console.log(`${signal}: finishing active jobs`);
    worker.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
