import pino from 'pino';
import { Writable } from 'node:stream';
import { JobQueue } from '../../src/jobs/job-queue';
import { reconcileReportSummaries } from '../../src/jobs/reconcile-summaries.job';
import { cashSale } from '../checkout/checkout-support';
import { setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ jobs: true });
});
afterAll(() => t.close());

async function waitFor<T>(probe: () => Promise<T | undefined>, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${seconds}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('jobs notice a dead worker', () => {
  it('sizes each queue’s expiry to its job: a summary recompute expires in seconds, not minutes', async () => {
    const rows = await t.sql<{ name: string; expire_seconds: number }>(
      `select name, expire_seconds from pgboss.queue
       where name in ('update-daily-summary', 'send-receipt-email', 'reconcile-daily-summaries') order by name`,
    );
    expect(rows).toEqual([
      { name: 'reconcile-daily-summaries', expire_seconds: 120 },
      { name: 'send-receipt-email', expire_seconds: 90 },
      { name: 'update-daily-summary', expire_seconds: 30 },
    ]);
    const schedules = await t.sql<{ cron: string }>(
      `select cron from pgboss.schedule where name = 'reconcile-daily-summaries'`,
    );
    expect(schedules).toEqual([{ cron: '*/5 * * * *' }]);
  });

  it('logs a warning when a job is retried after it expired (its worker stopped answering)', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const queue = new JobQueue(t.databaseUrl, pino({ level: 'warn' }, sink), { maintenanceIntervalSeconds: 1 });
    let runs = 0;
    queue.define({
      name: 'hangs-once',
      retryLimit: 2,
      retryDelaySeconds: 1,
      expireInSeconds: 1,
      // The first try hangs like a job on a frozen worker; the retry works.
      handler: async () => {
        runs++;
        if (runs === 1) await new Promise((resolve) => setTimeout(resolve, 3000));
      },
    });
    await queue.start({ work: true });
    try {
      const id = await queue.pgBoss.send('hangs-once', {});
      const warning = await waitFor(
        async () =>
          lines.find((l) => l.msg === 'job retried after it expired: its worker died or hung while running it'),
        30,
      );
      expect(warning).toMatchObject({ job: 'hangs-once', id, retryCount: 1, expireInSeconds: 1 });
    } finally {
      await queue.stop();
    }
  }, 60_000);

  it('reconciles recent daily summaries: a stale row is corrected without a new sale', async () => {
    const fx = await setupPos(t, { products: [{ sku: 'TEA', price: '3.00' }] });
    await cashSale(t, fx, { TEA: 2 });
    const summary = () =>
      t.sql<{ total_sales: number; total_revenue: string }>(
        'select total_sales, total_revenue::text from daily_sales_summaries where location_id = ?',
        [fx.locationId],
      );
    await waitFor(async () => ((await summary())[0]?.total_sales === 1 ? true : undefined), 30);
    // As if the recompute after a second sale had died with its worker: the row is stale.
    await t.sql('update daily_sales_summaries set total_sales = 0, total_revenue = 0 where location_id = ?', [
      fx.locationId,
    ]);

    const recomputed = await reconcileReportSummaries(t.app.services, 36);
    expect(recomputed).toBeGreaterThanOrEqual(1);
    expect(await summary()).toEqual([{ total_sales: 1, total_revenue: '6.0000' }]);
  });
});
