import { reconcileReportSummaries } from '../../src/jobs/reconcile-summaries.job';
import { recomputeDailySummary } from '../../src/services/reporting/daily-summary';
import { TenantFixture } from '../support/fixtures';
import { tenantWithSales } from './support';
import { startTestApp, TestApp } from '../support/test-app';
import { plainReport, Range } from './plain-aggregates';

/*
 * Every range report, read from the summaries for whole local days and from
 * the source rows for partial ones, equals its plain aggregate over the
 * source rows, to the cent: a generated year in three zones (New York,
 * Kolkata at +5:30, Auckland across the date line), a quarter of the sales
 * near local midnight, voids and refunds on later days.
 */
let t: TestApp;
let tenant: TenantFixture;
let tenantId: string;
let kolkata: string;

const REPORTS = /* GraphQL */ `
  query Every($from: DateTime!, $to: DateTime!, $locationId: ID) {
    salesDay: salesReport(from: $from, to: $to, locationId: $locationId, groupBy: DAY) {
      ...Sales
    }
    salesWeek: salesReport(from: $from, to: $to, locationId: $locationId, groupBy: WEEK) {
      ...Sales
    }
    salesMonth: salesReport(from: $from, to: $to, locationId: $locationId, groupBy: MONTH) {
      ...Sales
    }
    payments: paymentMethodBreakdown(from: $from, to: $to, locationId: $locationId) {
      method
      paymentCount
      amount
      refunds
      net
    }
    topProducts(from: $from, to: $to, locationId: $locationId, limit: 100) {
      productId
      sku
      name
      category
      quantity
      revenue
    }
    categories: salesByCategory(from: $from, to: $to, locationId: $locationId) {
      category
      quantity
      revenue
      productCount
    }
    cashiers: cashierPerformance(from: $from, to: $to, locationId: $locationId) {
      cashierId
      cashierEmail
      salesCount
      revenue
      averageBasket
      voidCount
      voidAmount
      refundCount
      refundAmount
      discountsGiven
    }
    hourly: hourlySales(from: $from, to: $to, locationId: $locationId) {
      hour
      salesCount
      revenue
      averageBasket
    }
    marginProduct: profitMargin(from: $from, to: $to, locationId: $locationId, groupBy: PRODUCT) {
      key
      name
      revenue
      cogs
      margin
      marginPercent
    }
    marginCategory: profitMargin(from: $from, to: $to, locationId: $locationId, groupBy: CATEGORY) {
      key
      name
      revenue
      cogs
      margin
      marginPercent
    }
  }
  fragment Sales on SalesReportRow {
    period
    salesCount
    grossSales
    discounts
    tax
    revenue
    refunds
    netRevenue
    averageBasket
  }
`;

beforeAll(async () => {
  t = await startTestApp();
  ({ tenant, tenantId } = await tenantWithSales(t, {
    sales: 2500,
    days: 365,
    endDate: '2026-06-30',
    timezones: ['America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'],
    products: 40,
    voidShare: 0.06,
    refundShare: 0.08,
    nearMidnightShare: 0.25,
    batchSize: 2500,
  }));
  [{ id: kolkata }] = await t.sql<{ id: string }>(
    `select id from locations where tenant_id = ? and timezone = 'Asia/Kolkata'`,
    [tenantId],
  );
}, 120_000);
afterAll(() => t.close());

async function expectEveryReportPlain(range: Range) {
  const api = await t.ok(REPORTS, { ...range }, tenant.ownerToken);
  for (const [name, rows] of Object.entries(api)) {
    const plain = await plainReport(t, name as never, tenantId, range);
    expect({ name, rows }).toEqual({ name, rows: plain });
  }
  return api;
}

describe('reports over summaries and partial days', () => {
  it('a year from and to mid-day instants, every location: every report equals its plain aggregate', async () => {
    const api = await expectEveryReportPlain({ from: '2025-07-01T09:17:00Z', to: '2026-07-01T06:45:00Z' });
    expect(api.salesDay.length).toBeGreaterThan(300);
    expect(api.cashiers.some((c: any) => c.voidCount > 0 && c.refundCount > 0)).toBe(true);
    const [{ n }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from daily_product_summaries where tenant_id = ?',
      [tenantId],
    );
    expect(n).toBeGreaterThan(1000); // the whole days really come from the summaries
  });

  it('a month of one location from its local midnight, and ranges with no whole day', async () => {
    await expectEveryReportPlain({ from: '2026-02-28T18:30:00Z', to: '2026-03-31T18:30:00Z', locationId: kolkata });
    await expectEveryReportPlain({ from: '2026-03-14T15:00:00Z', to: '2026-03-15T14:00:00Z' });
    await expectEveryReportPlain({ from: '2025-11-02T03:00:00Z', to: '2025-11-04T07:00:00Z' }); // New York's DST end
  });

  it('ranges over whole local months (the monthly rollups), partial months and partial days, in every zone', async () => {
    // Mid-month to mid-month from mid-day instants: every zone has whole months, whole days around them and partial days.
    await expectEveryReportPlain({ from: '2025-09-14T13:20:00Z', to: '2026-04-17T02:10:00Z' });
    // From Kolkata's local midnight of a month's first day to Auckland's of another: whole months start or end exactly there.
    await expectEveryReportPlain({ from: '2025-11-30T18:30:00Z', to: '2026-02-28T11:00:00Z' });
    await expectEveryReportPlain({ from: '2025-12-31T18:30:00Z', to: '2026-03-31T18:30:00Z', locationId: kolkata });
    // Across New York's DST start with whole months on both sides.
    await expectEveryReportPlain({ from: '2026-01-20T04:00:00Z', to: '2026-05-02T04:00:00Z' });
    const [{ months, wrong }] = await t.sql<{ months: number; wrong: number }>(
      `select count(*)::int as months, count(*) filter (where m.revenue <> d.revenue or m.quantity <> d.quantity)::int as wrong
       from monthly_product_summaries m
       join (select location_id, date_trunc('month', date::timestamp)::date as month, product_id, sum(revenue) as revenue,
               sum(quantity) as quantity
             from daily_product_summaries where tenant_id = ? group by 1, 2, 3) d
         on d.location_id = m.location_id and d.month = m.date and d.product_id = m.product_id
       where m.tenant_id = ?`,
      [tenantId, tenantId],
    );
    expect(months).toBeGreaterThan(100);
    expect(wrong).toBe(0);
  });

  it('whole months are read from the rollups: a stale month row shows until a day of that month is recomputed', async () => {
    const range = { from: '2025-12-31T18:30:00Z', to: '2026-03-31T18:30:00Z', locationId: kolkata };
    const before = await t.ok(REPORTS, range, tenant.ownerToken);
    await t.sql(
      `update monthly_product_summaries set revenue = revenue + 1 where id = (
         select id from monthly_product_summaries where tenant_id = ? and location_id = ? and date = '2026-02-01' order by product_id limit 1)`,
      [tenantId, kolkata],
    );
    const stale = await t.ok(REPORTS, range, tenant.ownerToken);
    const total = (rows: Array<{ revenue: string }>) => rows.reduce((sum, r) => sum + Number(r.revenue), 0);
    expect(total(stale.categories)).toBeCloseTo(total(before.categories) + 1, 2);
    await recomputeDailySummary(t.app.services.orm.em.fork(), tenantId, kolkata, '2026-02-11');
    expect(await t.ok(REPORTS, range, tenant.ownerToken)).toEqual(before);
  });

  it('whole days are read from the summaries: a stale summary shows until its day is recomputed', async () => {
    const range = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', locationId: kolkata };
    const before = await t.ok(REPORTS, range, tenant.ownerToken);
    const [{ date }] = await t.sql<{ date: string }>(
      `update daily_hour_summaries set revenue = revenue + 1 where id = (
         select id from daily_hour_summaries where tenant_id = ? and location_id = ? and date between '2026-01-02' and '2026-01-30'
         order by date, hour limit 1)
       returning to_char(date, 'YYYY-MM-DD') as date`,
      [tenantId, kolkata],
    );
    const stale = await t.ok(REPORTS, range, tenant.ownerToken);
    expect(Number(stale.salesMonth[0].revenue)).toBe(Number(before.salesMonth[0].revenue) + 1);
    const em = t.app.services.orm.em.fork();
    await recomputeDailySummary(em, tenantId, kolkata, date);
    expect(await t.ok(REPORTS, range, tenant.ownerToken)).toEqual(before);
  });

  it('the nightly reconciliation recomputes the days with events in the last two days', async () => {
    const range = { from: '2026-06-20T00:00:00Z', to: '2026-07-01T00:00:00Z' };
    const before = await t.ok(REPORTS, range, tenant.ownerToken);
    await t.sql(`delete from daily_product_summaries where tenant_id = ? and date >= '2026-06-30'`, [tenantId]);
    await t.sql(`update daily_payment_summaries set amount = 0 where tenant_id = ? and date = '2026-06-30'`, [
      tenantId,
    ]);
    expect(await t.ok(REPORTS, range, tenant.ownerToken)).not.toEqual(before);
    const days = await reconcileReportSummaries(t.app.services, 48, new Date('2026-07-01T12:00:00Z'));
    expect(days).toBeGreaterThan(0);
    expect(await t.ok(REPORTS, range, tenant.ownerToken)).toEqual(before);
  });
});
