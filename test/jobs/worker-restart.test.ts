import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let worker: ChildProcess | undefined;
const JOBS = 30;

beforeAll(async () => {
  t = await startTestApp(); // this process enqueues only (RUN_JOBS=false)
  await t.sql(
    'create table test_job_runs (n int not null, pid int not null, at timestamptz not null default clock_timestamp())',
  );
  await t.sql('create table test_job_effects (n int primary key)');
  t.app.services.jobs.define({ name: 'durable-test', retryLimit: 5, retryDelaySeconds: 1, expireInSeconds: 2 });
  await t.app.services.jobs.start({ work: false });
});
afterAll(async () => {
  worker?.kill('SIGKILL');
  await t.close();
});

/** `npm run worker` (src/worker.ts, plus the test queue) as a separate process against this test's database. */
async function spawnWorker(): Promise<ChildProcess> {
  const child = fork(path.join(__dirname, 'support/test-worker.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      TS_NODE_PROJECT: path.resolve('tsconfig.json'),
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  return child;
}

async function waitFor(condition: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${seconds}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const count = async (sql: string) => Number((await t.sql<{ n: string }>(sql))[0].n);

describe('a worker killed mid-queue', () => {
  it('loses no job: after a restart every job completes, each effect exactly once', async () => {
    const { pgBoss } = t.app.services.jobs;
    for (let n = 1; n <= JOBS; n++) await pgBoss.send('durable-test', { n });

    worker = await spawnWorker();
    await waitFor(async () => (await count('select count(*) as n from test_job_runs')) >= 5, 60);
    worker.kill('SIGKILL'); // no graceful stop: whatever it was running stays "active"
    await new Promise((resolve) => worker!.once('exit', resolve));
    const doneBeforeKill = await count(
      `select count(*) as n from pgboss.job where name = 'durable-test' and state = 'completed'`,
    );
    expect(doneBeforeKill).toBeLessThan(JOBS);

    worker = await spawnWorker();
    await waitFor(
      async () =>
        (await count(`select count(*) as n from pgboss.job where name = 'durable-test' and state = 'completed'`)) ===
        JOBS,
      90,
    );
    worker.kill('SIGTERM');

    const effects = await t.sql<{ n: number }>('select n from test_job_effects order by n');
    expect(effects.map((r) => r.n)).toEqual(Array.from({ length: JOBS }, (_, i) => i + 1));
    expect(
      await count(`select count(*) as n from pgboss.job where name = 'durable-test' and state <> 'completed'`),
    ).toBe(0);
    const pids = await t.sql<{ pid: number }>('select distinct pid from test_job_runs');
    expect(pids).toHaveLength(2); // both workers did part of the queue
  }, 180_000);
});
