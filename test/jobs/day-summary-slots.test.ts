import { complete, payOk } from '../checkout/checkout-support';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let fx: PosFixture;

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  fx = await setupPos(t, { products: [{ sku: 'TEA', price: '3.00' }] });
});
afterAll(() => t.close());

async function sell(units: number): Promise<void> {
  const cart = await newCart(t, fx);
  await addItem(t, fx, cart.id, 'TEA', units);
  await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '50.00' });
  await complete(t, fx.cashier.token, cart.id);
}

async function summaryJobs() {
  return t.sql<{ state: string; data: Record<string, string> }>(
    `select state, data from pgboss.job where name = 'update-daily-summary' and data->>'locationId' = ?`,
    [fx.locationId],
  );
}

it("a rush of sales at one location recomputes that day's summary once per slot, after the slot's sales", async () => {
  await Promise.all([sell(1), sell(2), sell(3), sell(4)]);
  const jobs = await summaryJobs();
  // Four completions within a few hundred milliseconds: at most two 5-second slots.
  expect(jobs.length).toBeGreaterThanOrEqual(1);
  expect(jobs.length).toBeLessThanOrEqual(2);
  const [{ tz }] = await t.sql<{ tz: string }>('select timezone as tz from locations where id = ?', [fx.locationId]);
  const [{ today }] = await t.sql<{ today: string }>(`select (now() at time zone ?)::date::text as today`, [tz]);
  for (const job of jobs)
    expect(job.data).toEqual({ tenantId: job.data.tenantId, locationId: fx.locationId, date: today });

  const deadline = Date.now() + 30_000;
  let row: { total_sales: number; total_revenue: string } | undefined;
  while (Date.now() < deadline) {
    [row] = await t.sql<{ total_sales: number; total_revenue: string }>(
      'select total_sales, total_revenue::text from daily_sales_summaries where location_id = ?',
      [fx.locationId],
    );
    if (row?.total_sales === 4) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(row).toEqual({ total_sales: 4, total_revenue: '30.0000' });
  expect((await summaryJobs()).every((job) => job.state === 'completed')).toBe(true);
  // The same job keeps the report summaries of that day
  const products = await t.sql<{ quantity: number; revenue: string }>(
    'select quantity, revenue::text from daily_product_summaries where location_id = ? and date = ?',
    [fx.locationId, today],
  );
  expect(products).toEqual([{ quantity: 10, revenue: '30.0000' }]);
  const [hours] = await t.sql<{ sales: number; revenue: string }>(
    'select sum(sales_count)::int as sales, sum(revenue)::text as revenue from daily_hour_summaries where location_id = ? and date = ?',
    [fx.locationId, today],
  );
  expect(hours).toEqual({ sales: 4, revenue: '30.0000' });
});
