import 'reflect-metadata';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { startWorker } from '../../../src/worker';
import { Client } from 'pg';

/**
 * `npm run worker` plus one test queue, run as a child process by
 * worker-restart.test.ts. `durable-test` records every run and, idempotently
 * (ON CONFLICT DO NOTHING), its effect; each run takes a while so the test
 * can kill the process with jobs in flight.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  await startWorker(config, {
    log: createLogger('silent', false),
    maintenanceIntervalSeconds: 1,
    extraJobs: [
      {
        name: 'durable-test',
        retryLimit: 5,
        retryDelaySeconds: 1,
        expireInSeconds: 2,
        handler: async (data: { n: number }) => {
          await db.query('insert into test_job_runs (n, pid) values ($1, $2)', [data.n, process.pid]);
          await new Promise((resolve) => setTimeout(resolve, 150));
          await db.query('insert into test_job_effects (n) values ($1) on conflict do nothing', [data.n]);
        },
      },
    ],
  });
  process.send?.('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
