import { generateSales, GenerateOptions } from '../../src/cli/sales-generator';
import { registerTenant, TenantFixture } from '../support/fixtures';
import { TestApp } from '../support/test-app';

/** A new tenant filled by the sales generator (the reports' data): its fixture and id. */
export async function tenantWithSales(
  t: TestApp,
  options: Omit<GenerateOptions, 'tenantId'>,
): Promise<{ tenant: TenantFixture; tenantId: string }> {
  const tenant = await registerTenant(t);
  const [{ id: tenantId }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [tenant.slug]);
  await generateSales(t.app.services.orm.em.fork(), { tenantId, ...options });
  return { tenant, tenantId };
}

/**
 * The DailySalesSummary figures computed independently of
 * src/services/reporting/daily-summary.ts (grouping by the local date of
 * each event instead of day ranges), per (location, day), every money
 * column as numeric(15,4) text. Definitions: docs/reports.md.
 */
export async function directDailyFigures(t: TestApp, tenantId: string) {
  return t.sql<Record<string, string>>(
    `with events as (
       select s.location_id, (s.completed_at at time zone l.timezone)::date as d, 1 as n, s.total_amount as revenue,
         s.discount_amount as discount, s.tax_amount as tax, (select coalesce(sum(i.cost_amount), 0) from sale_items i where i.sale_id = s.id) as cogs,
         0::numeric as refunds, s.id as paid_sale, 1 as pay_sign, 0::numeric as ref_cash, 0::numeric as ref_card, 0::numeric as ref_other
       from sales s join locations l on l.id = s.location_id where s.tenant_id = ? and s.completed_at is not null
       union all
       select s.location_id, (s.voided_at at time zone l.timezone)::date, -1, -s.total_amount, -s.discount_amount, -s.tax_amount,
         -(select coalesce(sum(i.cost_amount), 0) from sale_items i where i.sale_id = s.id), 0, s.id, -1, 0, 0, 0
       from sales s join locations l on l.id = s.location_id where s.tenant_id = ? and s.completed_at is not null and s.voided_at is not null
       union all
       select s.location_id, (r.processed_at at time zone l.timezone)::date, 0, 0, 0, 0,
         -(select coalesce(sum(round(i.cost_amount * (x->>'quantity')::int / i.quantity, 4)), 0)
           from jsonb_array_elements(r.items) x join sale_items i on i.id = (x->>'saleItemId')::uuid),
         r.amount, null, 0,
         case when r.method = 'CASH' then r.amount else 0 end, case when r.method = 'CARD' then r.amount else 0 end,
         case when r.method not in ('CASH', 'CARD') then r.amount else 0 end
       from sale_refunds r join sales s on s.id = r.sale_id join locations l on l.id = s.location_id
       where r.tenant_id = ? and r.status = 'COMPLETED'
     ),
     paid as (
       select e.location_id, e.d,
         sum(e.pay_sign * p.amount) filter (where p.method = 'CASH') as cash,
         sum(e.pay_sign * p.amount) filter (where p.method = 'CARD') as card,
         sum(e.pay_sign * p.amount) filter (where p.method not in ('CASH', 'CARD')) as other
       from events e join sale_payments p on p.sale_id = e.paid_sale and p.status <> 'FAILED' and p.status <> 'PENDING'
       group by 1, 2
     ),
     days as (
       select location_id, d, sum(n) as total_sales, sum(revenue) as revenue, sum(discount) as discount, sum(tax) as tax, sum(cogs) as cogs,
         sum(refunds) as refunds, sum(ref_cash) as ref_cash, sum(ref_card) as ref_card, sum(ref_other) as ref_other
       from events group by 1, 2
     )
     select days.location_id, to_char(days.d, 'YYYY-MM-DD') as date, days.total_sales::int as total_sales,
       days.revenue::numeric(15,4)::text as total_revenue, days.cogs::numeric(15,4)::text as total_cogs,
       days.discount::numeric(15,4)::text as total_discount, days.tax::numeric(15,4)::text as total_tax,
       days.refunds::numeric(15,4)::text as total_refunds,
       (coalesce(paid.cash, 0) - days.ref_cash)::numeric(15,4)::text as cash_total,
       (coalesce(paid.card, 0) - days.ref_card)::numeric(15,4)::text as card_total,
       (coalesce(paid.other, 0) - days.ref_other)::numeric(15,4)::text as other_total
     from days left join paid on paid.location_id = days.location_id and paid.d = days.d
     order by 1, 2`,
    [tenantId, tenantId, tenantId],
  );
}

/** The stored summary rows in the same shape. */
export async function storedDailyFigures(t: TestApp, tenantId: string) {
  return t.sql<Record<string, string>>(
    `select location_id, to_char(date, 'YYYY-MM-DD') as date, total_sales, total_revenue::text, total_cogs::text, total_discount::text,
       total_tax::text, total_refunds::text, cash_total::text, card_total::text, other_total::text
     from daily_sales_summaries where tenant_id = ? order by 1, 2`,
    [tenantId],
  );
}
