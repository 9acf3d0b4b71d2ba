import 'reflect-metadata';
import path from 'node:path';
import { AppConfig } from './config';
import { startEmbeddedPostgres } from './db/embedded-postgres';
import { autovacuumWarning } from './db/autovacuum-check';
import { initOrm, migrateToLatest } from './db/orm';
import { QueryListener } from './db/query-observer';
import { createLogger, Logger } from './logger';
import { AppServices, createServices } from './services';
import { createEventBus } from './services/realtime/event-bus';
import { registerJobs } from './jobs/definitions';
import { JobQueue } from './jobs/job-queue';
import { RunningServer, startServer } from './server/app';
import { API_SHAPES } from './schema/api-shapes';
import { sealPlaintextSecrets } from './services/webhooks/seal-plaintext-secrets';

export interface RunningApp {
  services: AppServices;
  server: RunningServer;
  /** True when this process started the embedded PostgreSQL. */
  embedded: boolean;
  shutdown(): Promise<void>;
}

/** The database to use: DATABASE_URL, or the embedded one in ./.data/pg. */
export async function resolveDatabase(config: AppConfig, log: Logger) {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const db = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort, 'pos', log);
  return { ...db, embedded: true };
}

/**
 * Starts everything in order (database, migrations, pub/sub, HTTP) and
 * returns a shutdown that undoes it in reverse, letting in-flight requests finish.
 */
export async function startApp(
  config: AppConfig,
  options: { log?: Logger; onQuery?: QueryListener } = {},
): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel, !config.production);
  const db = await resolveDatabase(config, log);
  let statements = 0;
  const onQuery: QueryListener | undefined = config.sqlStats
    ? (sql) => {
        statements++;
        options.onQuery?.(sql);
      }
    : options.onQuery;
  const orm = await initOrm(db.url, onQuery);
  await migrateToLatest(orm, log);
  const maintenance = await autovacuumWarning(orm.em.fork());
  if (maintenance) log.warn(maintenance);
  const events = createEventBus(config.redisUrl, log);
  // Sales go on without Redis (events are dropped until it answers), so a Redis that is down is no reason not to start.
  await events
    .ping(2000)
    .catch((error) => log.warn({ err: (error as Error).message }, 'pub/sub not reachable at start'));
  const jobs = new JobQueue(db.url, log);
  const services = createServices({ orm, config, log, events, jobs, apiShapes: API_SHAPES });
  const sealed = await sealPlaintextSecrets(orm.em.fork(), services.secretCipher);
  if (sealed) log.info({ endpoints: sealed }, 'sealed webhook secrets stored in plain text');
  await services.revocations.start();
  registerJobs(services);
  await jobs.start({ work: config.runJobs });
  const server = await startServer(services, config.port, config.sqlStats ? { sqlStatements: () => statements } : {});
  let stopping: Promise<void> | undefined;
  return {
    services,
    server,
    embedded: db.embedded,
    shutdown: () =>
      (stopping ??= (async () => {
        await server.stop();
        log.info('HTTP stopped: no request in flight');
        await jobs.stop();
        log.info('job workers stopped');
        await services.revocations.stop();
        await services.throttle.close();
        await events.close();
        await orm.close();
        await db.stop();
      })()),
  };
}
