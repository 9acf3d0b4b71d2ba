import { randomUUID } from 'node:crypto';
import { registerTenant, TenantFixture, userWithRole } from '../support/fixtures';
import { tenantWithSales } from './support';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let tenant: TenantFixture;
let tenantId: string;
let locationId: string;

const RANGE = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
const ALL_REPORTS = /* GraphQL */ `
  query AllReports($from: DateTime!, $to: DateTime!, $locationId: ID) {
    salesReport(from: $from, to: $to, locationId: $locationId, groupBy: WEEK) {
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
    paymentMethodBreakdown(from: $from, to: $to, locationId: $locationId) {
      method
      paymentCount
      amount
      refunds
      net
    }
    topProducts(from: $from, to: $to, locationId: $locationId, limit: 5) {
      productId
      sku
      name
      category
      quantity
      revenue
    }
    salesByCategory(from: $from, to: $to, locationId: $locationId) {
      category
      quantity
      revenue
      productCount
    }
    cashierPerformance(from: $from, to: $to, locationId: $locationId) {
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
    hourlySales(from: $from, to: $to, locationId: $locationId) {
      hour
      salesCount
      revenue
    }
    byProduct: profitMargin(from: $from, to: $to, locationId: $locationId, groupBy: PRODUCT) {
      key
      name
      revenue
      cogs
      margin
      marginPercent
    }
    byCategory: profitMargin(from: $from, to: $to, locationId: $locationId, groupBy: CATEGORY) {
      key
      name
      revenue
      cogs
      margin
      marginPercent
    }
  }
`;
const SALES_BY_DAY = /* GraphQL */ `
  query SalesByDay($from: DateTime!, $to: DateTime!, $locationId: ID) {
    salesReport(from: $from, to: $to, locationId: $locationId, groupBy: DAY) {
      period
      salesCount
      revenue
      refunds
    }
  }
`;

beforeAll(async () => {
  t = await startTestApp();
  ({ tenant, tenantId } = await tenantWithSales(t, {
    sales: 800,
    days: 40,
    endDate: '2026-04-05',
    timezones: ['Europe/Berlin'],
    voidShare: 0.05,
    refundShare: 0.05,
  }));
  [{ id: locationId }] = await t.sql<{ id: string }>('select id from locations where tenant_id = ?', [tenantId]);
});
afterAll(() => t.close());

/** In ten-thousandths, so the arithmetic is exact. */
const sum = (values: string[]) => values.reduce((a, v) => a + Math.round(Number(v) * 10000), 0);

describe('report queries', () => {
  it('answer every report, consistent with each other and with the daily summaries', async () => {
    const data = await t.ok(ALL_REPORTS, { ...RANGE, locationId }, tenant.ownerToken);
    expect(data.salesReport.length).toBeGreaterThanOrEqual(4);
    expect(data.hourlySales).toHaveLength(24);
    expect(data.topProducts).toHaveLength(5);
    const revenue = sum(data.salesReport.map((r: any) => r.revenue));
    expect(sum(data.hourlySales.map((r: any) => r.revenue))).toBe(revenue);
    expect(sum(data.cashierPerformance.map((r: any) => r.revenue))).toBe(revenue);
    const refunds = sum(data.salesReport.map((r: any) => r.refunds));
    expect(sum(data.paymentMethodBreakdown.map((r: any) => r.refunds))).toBe(refunds);
    expect(sum(data.salesByCategory.map((r: any) => r.revenue))).toBe(revenue - refunds);
    expect(sum(data.byProduct.map((r: any) => r.margin))).toBe(sum(data.byCategory.map((r: any) => r.margin)));
    for (const row of data.byCategory) expect(row.marginPercent).toMatch(/^-?\d+(\.\d{1,2})?$/);

    // DAY buckets of whole local (Berlin) days equal the stored daily summaries of those days
    const days = await t.ok(
      SALES_BY_DAY,
      { from: '2026-03-09T23:00:00Z', to: '2026-03-16T23:00:00Z', locationId },
      tenant.ownerToken,
    );
    const stored = await t.sql<{ date: string; total_sales: number; total_revenue: string; total_refunds: string }>(
      `select to_char(date, 'YYYY-MM-DD') as date, total_sales, total_revenue::text, total_refunds::text from daily_sales_summaries
       where tenant_id = ? and location_id = ? and date between '2026-03-10' and '2026-03-16' order by date`,
      [tenantId, locationId],
    );
    expect(days.salesReport.map((r: any) => [r.period, r.salesCount, Number(r.revenue), Number(r.refunds)])).toEqual(
      stored.map((r) => [r.date, r.total_sales, Number(r.total_revenue), Number(r.total_refunds)]),
    );
  });

  it('reject bad input with clear errors', async () => {
    const q = (vars: Record<string, unknown>, token = tenant.ownerToken) =>
      t.gql(ALL_REPORTS, { ...RANGE, ...vars }, token);
    const reversed = await q({ from: RANGE.to, to: RANGE.from });
    expect(codeOf(reversed)).toBe('BAD_USER_INPUT');
    expect(reversed.errors![0].message).toBe('from: must be before to');
    const tooLong = await q({ from: '2025-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0].message).toBe('to: the range may span at most 366 days');
    const unknown = await q({ locationId: randomUUID() });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0].message).toMatch(/^Location .* not found$/);
    const other = await registerTenant(t);
    expect(codeOf(await q({ locationId }, other.ownerToken))).toBe('NOT_FOUND'); // another tenant's location
    const limit = await t.gql(
      `query { topProducts(from: "${RANGE.from}", to: "${RANGE.to}", limit: 1000) { sku } }`,
      {},
      tenant.ownerToken,
    );
    expect(codeOf(limit)).toBe('BAD_USER_INPUT');
    const badDate = await t.gql(
      `query BadDate($d: Date!) { dailySalesSummary(date: $d) { date } }`,
      { d: '2026-02-30' },
      tenant.ownerToken,
    );
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    expect(codeOf(await q({}, cashier.token))).toBe('FORBIDDEN');
  });
});
