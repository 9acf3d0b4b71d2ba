import { randomUUID } from 'node:crypto';
import { registerTenant, TenantFixture, userWithRole } from '../support/fixtures';
import { tenantWithSales } from './support';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let tenant: TenantFixture;
let tenantId: string;
let locationId: string;

const RANGE = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
const CSV = /* GraphQL */ `
  query Csv($report: String!, $from: DateTime!, $to: DateTime!, $locationId: ID) {
    reportCsv(report: $report, from: $from, to: $to, locationId: $locationId)
  }
`;
const TOP = /* GraphQL */ `
  query Top($from: DateTime!, $to: DateTime!) {
    topProducts(from: $from, to: $to, limit: 100) {
      sku
      name
      quantity
      revenue
    }
  }
`;

beforeAll(async () => {
  t = await startTestApp();
  ({ tenant, tenantId } = await tenantWithSales(t, {
    sales: 400,
    days: 40,
    endDate: '2026-04-05',
    timezones: ['Europe/Berlin'],
    products: 5,
  }));
  [{ id: locationId }] = await t.sql<{ id: string }>('select id from locations where tenant_id = ?', [tenantId]);
  // A name that needs every RFC 4180 rule: a comma, quotes and a line break.
  await t.sql(`update products set name = ? where tenant_id = ? and sku like '%-1'`, ['Tea, "green"\nloose', tenantId]);
});
afterAll(() => t.close());

const baseOrigin = () => new URL(t.url).origin;
async function getCsv(path: string, token?: string) {
  const res = await fetch(`${baseOrigin()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}
const query = (vars: Record<string, string>) => new URLSearchParams(vars).toString();

describe('report CSV', () => {
  it('GraphQL and GET give the same RFC 4180 text, money at the currency scale, the same figures as the report', async () => {
    const { reportCsv } = await t.ok(CSV, { report: 'topProducts', ...RANGE }, tenant.ownerToken);
    const got = await getCsv(`/reports/topProducts.csv?${query(RANGE)}`, tenant.ownerToken);
    expect(got.status).toBe(200);
    expect(got.type).toBe('text/csv; charset=utf-8');
    expect(got.body).toBe(reportCsv);

    const { topProducts } = await t.ok(TOP, RANGE, tenant.ownerToken);
    const lines = reportCsv.split('\r\n');
    expect(lines[0]).toBe('productId,sku,name,category,quantity,revenue');
    expect(lines[lines.length - 1]).toBe(''); // every record ends with CRLF
    const tea = topProducts.find((p: any) => p.name.startsWith('Tea'));
    // The quoted field keeps its line break, so it spans two CRLF-split pieces.
    expect(reportCsv).toContain(`,${tea.sku},"Tea, ""green""\nloose",`);
    expect(reportCsv).toContain(`,${tea.quantity},${tea.revenue}\r\n`);
    const others = lines.filter((l: string) => /^[0-9a-f-]{36},/.test(l) && !l.includes('"'));
    expect(others.length).toBe(topProducts.length - 1);
    for (const line of others) expect(line).toMatch(/,-?\d+\.\d{2}$/);
  });

  it('money columns are fixed at 2 places for USD, nulls empty, one row per local day in the location zone', async () => {
    const got = await getCsv(`/reports/salesReport.csv?${query({ ...RANGE, locationId })}`, tenant.ownerToken);
    const [header, ...rows] = got.body.trimEnd().split('\r\n');
    expect(header).toBe('period,salesCount,grossSales,discounts,tax,revenue,refunds,netRevenue,averageBasket');
    // Berlin days: 2026-03-01 00:00Z is 01:00 local, so the first (partial) local day is March 1st.
    expect(rows[0].startsWith('2026-03-01,')).toBe(true);
    for (const row of rows) expect(row).toMatch(/^\d{4}-\d{2}-\d{2},-?\d+(,-?\d+\.\d{2}){6},(-?\d+\.\d{2})?$/);
    const margin = await getCsv(`/reports/profitMarginByCategory.csv?${query(RANGE)}`, tenant.ownerToken);
    expect(margin.body.split('\r\n')[0]).toBe('key,name,revenue,cogs,margin,marginPercent');
  });

  it('needs a token with pos:report:read, keeps to the tenant, and checks its input', async () => {
    const path = `/reports/salesReport.csv?${query(RANGE)}`;
    expect((await getCsv(path)).status).toBe(401);
    expect(JSON.parse((await getCsv(path, 'not-a-token')).body).error.code).toBe('UNAUTHENTICATED');
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    const forbidden = await getCsv(path, cashier.token);
    expect([forbidden.status, JSON.parse(forbidden.body).error.code]).toEqual([403, 'FORBIDDEN']);
    expect(codeOf(await t.gql(CSV, { report: 'salesReport', ...RANGE }, cashier.token))).toBe('FORBIDDEN');

    const other = await registerTenant(t);
    const theirs = await getCsv(`/reports/topProducts.csv?${query(RANGE)}`, other.ownerToken);
    expect(theirs.body).toBe('productId,sku,name,category,quantity,revenue\r\n'); // none of the first tenant's rows
    const foreign = await getCsv(`/reports/topProducts.csv?${query({ ...RANGE, locationId })}`, other.ownerToken);
    expect([foreign.status, JSON.parse(foreign.body).error.code]).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await t.gql(CSV, { report: 'topProducts', ...RANGE, locationId }, other.ownerToken))).toBe(
      'NOT_FOUND',
    );

    const unknown = await getCsv(`/reports/everything.csv?${query(RANGE)}`, tenant.ownerToken);
    expect([unknown.status, JSON.parse(unknown.body).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(codeOf(await t.gql(CSV, { report: 'constructor', ...RANGE }, tenant.ownerToken))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CSV, { report: 'x'.repeat(65), ...RANGE }, tenant.ownerToken))).toBe('BAD_USER_INPUT');
    const badDate = await getCsv(
      `/reports/salesReport.csv?${query({ from: 'yesterday', to: RANGE.to })}`,
      tenant.ownerToken,
    );
    expect([badDate.status, JSON.parse(badDate.body).error.message]).toEqual([400, 'from: must be a DateTime']);
    const reversed = await getCsv(
      `/reports/salesReport.csv?${query({ from: RANGE.to, to: RANGE.from })}`,
      tenant.ownerToken,
    );
    expect(reversed.status).toBe(400);
    expect(
      (await getCsv(`/reports/salesReport.csv?${query({ ...RANGE, locationId: randomUUID() })}`, tenant.ownerToken))
        .status,
    ).toBe(404);
    expect((await getCsv(`/reports/sales.report.csv`, tenant.ownerToken)).status).toBe(404);
  });
});
