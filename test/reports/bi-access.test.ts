import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { generateSales } from '../../src/cli/sales-generator';
import { grantBiAccess, BiGrant } from '../../src/services/reporting/bi-access';
import { registerTenant, TenantFixture } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let mine: TenantFixture;
let theirs: TenantFixture;
let grant: BiGrant;
let bi: Client;
const ids: Record<string, string> = {};
const MONTHLY_VIEWS_MIGRATION = 'Migration20261203111357';
const role = `bi_test_${randomBytes(4).toString('hex')}`;

const VIEWS = [
  'locations',
  'products',
  'cashiers',
  'sales',
  'sale_lines',
  'payments',
  'refunds',
  'sessions',
  'daily_sales_summaries',
  'daily_product_summaries',
  'daily_payment_summaries',
  'daily_cashier_summaries',
  'daily_hour_summaries',
  'monthly_product_summaries',
  'monthly_payment_summaries',
  'monthly_cashier_summaries',
  'monthly_hour_summaries',
];
const MONTHLY = VIEWS.filter((view) => view.startsWith('monthly_'));

async function failure(sql: string): Promise<string> {
  try {
    await bi.query(sql);
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error(`expected "${sql}" to fail`);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, days] of [
    ['mine', 30],
    ['theirs', 20],
  ] as const) {
    const tenant = await registerTenant(t);
    [{ id: ids[name] }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [tenant.slug]);
    await generateSales(t.app.services.orm.em.fork(), {
      tenantId: ids[name],
      sales: 150,
      days,
      endDate: '2026-04-05',
      products: 5,
    });
    await t.sql(
      `insert into pos_sessions (id, tenant_id, session_number, opening_balance, status, opened_at, closed_at, terminal_id, opened_by_id)
       select gen_random_uuid(), pt.tenant_id, 'S-' || pt.code, 100, 'CLOSED', now() - interval '8 hours', now(), pt.id,
         (select id from users where tenant_id = pt.tenant_id limit 1)
       from pos_terminals pt where pt.tenant_id = ?`,
      [ids[name]],
    );
    if (name === 'mine') mine = tenant;
    else theirs = tenant;
  }
  grant = await grantBiAccess(t.app.services.orm.em.fork(), { tenantSlug: mine.slug, role, statementTimeout: '2s' });
  const url = new URL(t.databaseUrl);
  url.username = role;
  url.password = grant.password;
  bi = new Client({ connectionString: url.toString() });
  await bi.connect();
});
afterAll(async () => {
  await bi?.end();
  if (grant) {
    await t.sql(`drop owned by ${role}`);
    await t.sql(`drop role ${role}`);
  }
  await t.close();
});

describe('BI role (npm run bi:grant)', () => {
  it("sees every reporting view with exactly its tenant's rows, never another tenant's", async () => {
    const [{ n: sales }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from sales where tenant_id = ? and completed_at is not null',
      [ids.mine],
    );
    expect((await bi.query('select count(*)::int as n from reporting.sales')).rows[0].n).toBe(sales);
    const theirSales = await t.sql<{ id: string }>('select id from sales where tenant_id = ? limit 20', [ids.theirs]);
    const seen = await bi.query('select count(*)::int as n from sales where id = any($1)', [
      theirSales.map((s) => s.id),
    ]);
    expect(seen.rows[0].n).toBe(0); // search_path is reporting
    for (const view of VIEWS) {
      const { rows } = await bi.query(`select count(*)::int as n from reporting.${view}`);
      expect({ view, some: rows[0].n > 0 }).toEqual({ view, some: true });
    }
    const [{ n: sessions }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from pos_sessions where tenant_id = ?',
      [ids.mine],
    );
    expect((await bi.query('select count(*)::int as n from reporting.sessions')).rows[0].n).toBe(sessions);
    const [{ n: lines }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from sale_items i join sales s on s.id = i.sale_id where i.tenant_id = ? and s.completed_at is not null',
      [ids.mine],
    );
    expect((await bi.query('select count(*)::int as n from reporting.sale_lines')).rows[0].n).toBe(lines);
    const [{ revenue }] = await t.sql<{ revenue: string }>(
      'select sum(revenue)::text as revenue from daily_product_summaries where tenant_id = ?',
      [ids.mine],
    );
    expect(
      (await bi.query('select sum(revenue)::text as revenue from reporting.daily_product_summaries')).rows[0].revenue,
    ).toBe(revenue);
  });

  it('sees exactly its monthly rollups, also when bi:grant made it before their views existed', async () => {
    // Dropped and made again, the views lose what bi:grant granted: the migration's own grant must give them back.
    const migrator = t.app.services.orm.getMigrator();
    await migrator.down(MONTHLY_VIEWS_MIGRATION);
    expect(await failure('select 1 from reporting.monthly_product_summaries')).toBe('42P01'); // undefined_table
    await migrator.up(MONTHLY_VIEWS_MIGRATION);
    for (const view of MONTHLY) {
      const { rows } = await bi.query(`select v::text as row from reporting.${view} v order by 1`);
      const columns = (await bi.query(`select * from reporting.${view} limit 0`)).fields.map((f) => f.name);
      const table = (tenant: string) =>
        t.sql<{ row: string }>(
          `select v::text as row from (select ${columns.join(', ')} from ${view} where tenant_id = ?) v order by 1`,
          [tenant],
        );
      expect({ view, rows: rows.map((r) => r.row) }).toEqual({ view, rows: (await table(ids.mine)).map((r) => r.row) });
      expect({ view, some: rows.length > 0, theirs: (await table(ids.theirs)).length > 0 }).toEqual({
        view,
        some: true,
        theirs: true,
      });
    }
  });

  it('cannot read any table outside the reporting schema, nor write, and has a statement timeout', async () => {
    for (const table of [
      'public.sales',
      'public.sale_items',
      'public.users',
      'public.tenants',
      'reporting_access.bi_roles',
      'pgboss.job',
    ]) {
      expect({ table, code: await failure(`select * from ${table} limit 1`) }).toEqual({ table, code: '42501' }); // insufficient_privilege
    }
    expect((await bi.query('show default_transaction_read_only')).rows[0].default_transaction_read_only).toBe('on');
    await bi.query('set default_transaction_read_only = off'); // a role may switch that off: the missing grants still stop it
    expect(await failure(`update reporting.sales set total_amount = 0`)).toBe('42501');
    expect(
      await failure(
        `insert into reporting.locations (id, name, code, timezone, is_active) values (gen_random_uuid(), 'x', 'x', 'UTC', true)`,
      ),
    ).toBe('42501');
    expect(await failure(`delete from reporting.refunds`)).toBe('42501');
    for (const view of MONTHLY) {
      expect({ view, code: await failure(`update reporting.${view} set updated_at = now()`) }).toEqual({
        view,
        code: '42501',
      });
    }
    expect(await failure(`create table reporting.mine (x int)`)).toBe('42501');
    expect(await failure(`create table public.mine (x int)`)).toBe('42501');
    expect((await bi.query('show statement_timeout')).rows[0].statement_timeout).toBe('2s');
    expect(await failure('select pg_sleep(3)')).toBe('57014'); // canceled by the statement timeout
  });

  it('is re-keyed by a second grant, refuses a role bound to another tenant or one it did not create', async () => {
    const again = await grantBiAccess(t.app.services.orm.em.fork(), {
      tenantSlug: mine.slug,
      role,
      statementTimeout: '2s',
    });
    expect(again.password).not.toBe(grant.password);
    await expect(grantBiAccess(t.app.services.orm.em.fork(), { tenantSlug: theirs.slug, role })).rejects.toThrow(
      'role: is bound to another tenant',
    );
    await expect(
      grantBiAccess(t.app.services.orm.em.fork(), { tenantSlug: mine.slug, role: 'postgres' }),
    ).rejects.toThrow('role: exists and was not created by bi:grant');
    await expect(
      grantBiAccess(t.app.services.orm.em.fork(), { tenantSlug: mine.slug, role: 'x"; drop table sales; --' }),
    ).rejects.toThrow(/^role:/);
  });
});
