import { updateDailySummary } from '../../src/jobs/daily-summary.job';
import { jobContext } from '../../src/jobs/job-context';
import { TenantFixture } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { directDailyFigures, storedDailyFigures, tenantWithSales } from './support';

let t: TestApp;
let tenant: TenantFixture;
let tenantId: string;

const DAILY = /* GraphQL */ `
  query Daily($date: Date!, $locationId: ID) {
    dailySalesSummary(date: $date, locationId: $locationId) {
      date
      locationId
      totalSales
      totalRevenue
      totalCOGS
      totalDiscount
      totalTax
      totalRefunds
      cashTotal
      cardTotal
      otherTotal
    }
  }
`;

beforeAll(async () => {
  t = await startTestApp({ jobs: true });
  ({ tenant, tenantId } = await tenantWithSales(t, {
    sales: 1500,
    days: 31,
    endDate: '2026-03-31',
    timezones: ['America/New_York', 'Asia/Kolkata'],
    voidShare: 0.08,
    refundShare: 0.08,
    nearMidnightShare: 0.25,
    batchSize: 700,
  }));
});
afterAll(() => t.close());

describe('DailySalesSummary after a generated month', () => {
  it('has sales near local midnight in non-UTC zones, voids and refunds (the data exercises the edges)', async () => {
    const [edge] = await t.sql<{ near: string; voids: string; refunds: string; cross_day: string }>(
      `select count(*) filter (where extract(hour from s.completed_at at time zone l.timezone) in (23, 0)) as near,
         count(*) filter (where s.voided_at is not null) as voids,
         (select count(*) from sale_refunds r where r.tenant_id = s.tenant_id) as refunds,
         count(*) filter (where (s.completed_at at time zone l.timezone)::date <> (s.completed_at at time zone 'UTC')::date) as cross_day
       from sales s join locations l on l.id = s.location_id where s.tenant_id = ? group by s.tenant_id`,
      [tenantId],
    );
    expect(Number(edge.near)).toBeGreaterThan(100);
    expect(Number(edge.voids)).toBeGreaterThan(50);
    expect(Number(edge.refunds)).toBeGreaterThan(50);
    expect(Number(edge.cross_day)).toBeGreaterThan(100); // UTC days would put these on the wrong day
  });

  it('equals a direct SQL aggregate over sales, payments and refunds for every (location, local day)', async () => {
    const stored = await storedDailyFigures(t, tenantId);
    const direct = await directDailyFigures(t, tenantId);
    expect(stored.length).toBeGreaterThan(60);
    expect(stored).toEqual(direct);
  });

  it('is served by dailySalesSummary; 2026-03-01T03:30Z in New York belongs to 2026-02-28', async () => {
    const [ny] = await t.sql<{ id: string }>(
      `select id from locations where tenant_id = ? and timezone = 'America/New_York'`,
      [tenantId],
    );
    const data = await t.ok(DAILY, { date: '2026-03-15', locationId: ny.id }, tenant.ownerToken);
    const [row] = (await storedDailyFigures(t, tenantId)).filter(
      (r) => r.location_id === ny.id && r.date === '2026-03-15',
    );
    expect(data.dailySalesSummary).toHaveLength(1);
    expect(data.dailySalesSummary[0]).toMatchObject({
      date: '2026-03-15',
      locationId: ny.id,
      totalSales: row.total_sales,
    });
    expect(Number(data.dailySalesSummary[0].totalRevenue)).toBe(Number(row.total_revenue));
    expect(Number(data.dailySalesSummary[0].cashTotal)).toBe(Number(row.cash_total));
    const all = await t.ok(DAILY, { date: '2026-03-15' }, tenant.ownerToken);
    expect(all.dailySalesSummary).toHaveLength(2);

    // the docs/money.md example: a sale at 2026-03-01T03:30Z at the New York store counts on 2026-02-28
    const [sale] = await t.sql<{ id: string }>(
      `select id from sales where tenant_id = ? and location_id = ? and voided_at is null and completed_at is not null
       and not exists (select 1 from sale_refunds r where r.sale_id = sales.id) limit 1`,
      [tenantId, ny.id],
    );
    await t.sql(`update sales set completed_at = '2026-03-01T03:30:00Z' where id = ?`, [sale.id]);
    await updateDailySummary(t.app.services, { tenantId, saleId: sale.id });
    await updateDailySummary(t.app.services, { tenantId, locationId: ny.id, date: '2026-03-01' });
    const stored = (await storedDailyFigures(t, tenantId)).filter((r) => r.location_id === ny.id);
    const direct = (await directDailyFigures(t, tenantId)).filter((r) => r.location_id === ny.id);
    expect(stored.find((r) => r.date === '2026-02-28')).toEqual(direct.find((r) => r.date === '2026-02-28'));
    expect(stored.find((r) => r.date === '2026-03-01')).toEqual(direct.find((r) => r.date === '2026-03-01'));
  });

  it('update-daily-summary through the queue is idempotent: running it twice changes nothing more', async () => {
    const [sale] = await t.sql<{ id: string }>(
      `select s.id from sales s join sale_refunds r on r.sale_id = s.id where s.tenant_id = ? limit 1`,
      [tenantId],
    );
    await t.sql(`delete from daily_sales_summaries where tenant_id = ?`, [tenantId]);
    const { jobs } = t.app.services;
    const ctx = jobContext(t.app.services, 'test', tenantId);
    const ids = [
      await jobs.enqueue(ctx, 'update-daily-summary', { tenantId, saleId: sale.id }),
      await jobs.enqueue(ctx, 'update-daily-summary', { tenantId, saleId: sale.id }),
    ];
    for (let i = 0; i < 100; i++) {
      const done = await t.sql(`select 1 from pgboss.job where id in (?, ?) and state = 'completed'`, ids);
      if (done.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stored = await storedDailyFigures(t, tenantId);
    const direct = await directDailyFigures(t, tenantId);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    for (const row of stored)
      expect(row).toEqual(direct.find((d) => d.location_id === row.location_id && d.date === row.date));
  });
});
