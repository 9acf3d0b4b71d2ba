import PgBoss from 'pg-boss';
import { RequestContext } from '../context';
import type { Logger } from '../logger';
import { transactionDb } from './transaction-db';

export const JOB_SCHEMA = 'pgboss';

/**
 * Jobs a worker takes per fetch. pg-boss fetches once per polling interval,
 * so one job per fetch would cap every queue at one job a second.
 */
const BATCH_SIZE = 20;
/** How often pg-boss fails expired jobs over to a retry: often enough that a dead worker's jobs come back in seconds. */
const MAINTENANCE_INTERVAL_SECONDS = 15;
/**
 * What pg-boss writes into a job it failed for staying active past its
 * expiry: its maintenance, for a worker that died; the worker itself, for a
 * handler that hung.
 */
const EXPIRED = /^(job failed by timeout in active state|handler execution exceeded)/;

/** A queue's retry policy and, where this process works it, its handler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one list holds the definitions of every payload type
export interface JobDefinition<T = any> {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long a job may stay active before it counts as failed (a killed worker's jobs); pg-boss default 15 min. */
  expireInSeconds?: number;
  /** Runs a job; must be idempotent (a retried or duplicated job changes nothing more). */
  handler?: (data: T, job: PgBoss.Job<T>) => Promise<void>;
  /** Cron (in the process's UTC) for periodic jobs. */
  cron?: string;
  /** Jobs worked at once, each by its own worker taking one job per fetch (a slow job then holds only its own). */
  concurrency?: number;
  /**
   * With `concurrency`: each worker takes up to this many jobs a fetch and runs them at once. pg-boss
   * waits out the polling interval after every fetch, so one job a fetch caps a worker at one job a
   * second; a slow job then holds its worker's next fetch, never the jobs beside it.
   */
  jobsPerFetch?: number;
}

/**
 * pg-boss in the application's PostgreSQL (own schema). Every process can
 * enqueue; only processes started with `work: true` (the server by default,
 * or `npm run worker`) run handlers.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition>();

  constructor(
    connectionString: string,
    private readonly log: Logger,
    /** How often expired jobs are failed over to a retry (MAINTENANCE_INTERVAL_SECONDS unless given). */
    options: { maintenanceIntervalSeconds?: number } = {},
  ) {
    this.boss = new PgBoss({
      connectionString,
      schema: JOB_SCHEMA,
      max: 4,
      supervise: true,
      schedule: true,
      maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
      ...options,
    });
    this.boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
  }

  define(definition: JobDefinition): void {
    this.definitions.set(definition.name, definition);
  }

  /** Creates (or updates) every defined queue; with `work`, subscribes the handlers and schedules crons. */
  async start(options: { work: boolean }): Promise<void> {
    await this.boss.start();
    for (const def of this.definitions.values()) {
      const policy = {
        name: def.name,
        retryLimit: def.retryLimit,
        retryDelay: def.retryDelaySeconds,
        retryBackoff: true,
        ...(def.expireInSeconds ? { expireInSeconds: def.expireInSeconds } : {}),
      };
      if (await this.boss.getQueue(def.name)) await this.boss.updateQueue(def.name, policy);
      else await this.boss.createQueue(def.name, policy);
      if (!options.work || !def.handler) continue;
      const handler = def.handler;
      const batchSize = def.concurrency ? (def.jobsPerFetch ?? 1) : BATCH_SIZE;
      // A failure fails only its own job (retried by its policy): pg-boss then completes the batch's
      // jobs that are still active.
      const run = async (job: PgBoss.JobWithMetadata<unknown>) => {
        this.log.debug({ job: def.name, id: job.id }, 'job started');
        if (job.retryCount > 0) await this.warnIfExpiredBefore(def.name, job);
        try {
          await handler(job.data, job);
        } catch (error) {
          this.log.warn({ err: error, job: def.name, id: job.id }, 'job failed');
          await this.boss.fail(def.name, job.id, { message: (error as Error).message });
        }
      };
      for (let i = 0; i < (def.concurrency ?? 1); i++)
        await this.boss.work(
          def.name,
          { pollingIntervalSeconds: 1, batchSize, includeMetadata: true },
          async (batch) => {
            if (def.jobsPerFetch) await Promise.all(batch.map(run));
            else for (const job of batch) await run(job);
          },
        );
      if (def.cron) await this.boss.schedule(def.name, def.cron, {});
    }
  }

  /**
   * A retried job whose last try expired was in flight on a worker that died
   * or hung: said loudly, since its effect was delayed by the expiry. One
   * read, and only for retries.
   */
  private async warnIfExpiredBefore(name: string, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const previous = await this.boss.getJobById(name, job.id).catch(() => null);
    const output = previous?.output as { message?: string; value?: { message?: string } } | null | undefined;
    if (!EXPIRED.test(output?.value?.message ?? output?.message ?? '')) return;
    this.log.warn(
      {
        job: name,
        id: job.id,
        retryCount: job.retryCount,
        expireInSeconds: Number(job.expireInSeconds),
        startedOn: job.startedOn,
      },
      'job retried after it expired: its worker died or hung while running it',
    );
  }

  /**
   * Enqueues a job. Inside a transaction (`ctx.afterCommit` set) the job row
   * is written in that transaction; outside, on its own.
   */
  async enqueue<T extends object>(
    ctx: RequestContext,
    name: string,
    data: T,
    options: PgBoss.SendOptions = {},
  ): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const db = ctx.afterCommit ? transactionDb(ctx.em) : undefined;
    return this.boss.send(name, data, { ...options, ...(db ? { db } : {}) });
  }

  /** Enqueues several jobs of one queue with one statement, like `enqueue` inside or outside a transaction. */
  async enqueueMany<T extends object>(
    ctx: RequestContext,
    name: string,
    jobs: Array<{ data: T; startAfter?: Date }>,
  ): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const db = ctx.afterCommit ? transactionDb(ctx.em) : undefined;
    await this.boss.insert(
      jobs.map((job) => ({ name, ...job })),
      db ? { db } : {},
    );
  }

  /** The raw pg-boss instance, for inspection (tests, admin tooling). */
  get pgBoss(): PgBoss {
    return this.boss;
  }

  /** Lets running handlers finish (up to 3 s, so a SIGTERM'd process exits within 10 s), then closes the pool. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 3_000, wait: true });
  }
}
