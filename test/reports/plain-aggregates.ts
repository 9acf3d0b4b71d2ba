import { TestApp } from '../support/test-app';

/*
 * Every range report computed the plain way, straight from the source rows
 * (no summaries, no day splitting): each event grouped by its local date /
 * hour in its location's zone. Money as the API prints it for a USD,
 * HALF_UP tenant (2 places; averages and costs rounded once, half up).
 * Definitions: docs/reports.md.
 */
export interface Range {
  from: string;
  to: string;
  locationId?: string | null;
}

const m = (expr: string) => `(${expr})::numeric(15,2)::text`;

const EVENTS = `
  ev as (
    select s.*, 1 as sign, s.completed_at at time zone l.timezone as local_at
    from sales s join locations l on l.id = s.location_id
    where s.tenant_id = $1 and s.completed_at >= $2 and s.completed_at < $3 and ($4::uuid is null or s.location_id = $4)
    union all
    select s.*, -1, s.voided_at at time zone l.timezone
    from sales s join locations l on l.id = s.location_id
    where s.tenant_id = $1 and s.completed_at is not null and s.voided_at >= $2 and s.voided_at < $3 and ($4::uuid is null or s.location_id = $4)
  ),
  rf as (
    select r.*, r.processed_at at time zone l.timezone as local_at
    from sale_refunds r join sales s on s.id = r.sale_id join locations l on l.id = s.location_id
    where r.tenant_id = $1 and r.status = 'COMPLETED' and r.processed_at >= $2 and r.processed_at < $3 and ($4::uuid is null or s.location_id = $4)
  ),
  lines as (
    select i.product_id, ev.sign * i.quantity as quantity, ev.sign * i.line_total as revenue, ev.sign * (i.line_total - i.tax_amount) as net,
      ev.sign * coalesce(i.cost_amount, 0) as cogs
    from ev join sale_items i on i.sale_id = ev.id
    union all
    select i.product_id, -(x->>'quantity')::int, -(x->>'amount')::numeric,
      -((x->>'amount')::numeric - round((x->>'amount')::numeric * i.tax_amount / nullif(i.line_total, 0), 2)),
      -round(coalesce(i.cost_amount, 0) * (x->>'quantity')::int / i.quantity, 4)
    from rf cross join lateral jsonb_array_elements(rf.items) x join sale_items i on i.id = (x->>'saleItemId')::uuid
  ),
  per_product as (select product_id, sum(quantity) as quantity, sum(revenue) as revenue, sum(net) as net, sum(cogs) as cogs from lines group by 1)`;

const SALES_BY = (unit: string) => `
  with ${EVENTS},
  b as (
    select date_trunc('${unit}', local_at)::date as period, sign, subtotal, discount_amount, tax_amount, total_amount, 0::numeric as refund from ev
    union all select date_trunc('${unit}', local_at)::date, 0, 0, 0, 0, 0, amount from rf
  )
  select to_char(period, 'YYYY-MM-DD') as period, sum(sign)::int as "salesCount", ${m('sum(sign * subtotal)')} as "grossSales",
    ${m('sum(sign * discount_amount)')} as discounts, ${m('sum(sign * tax_amount)')} as tax, ${m('sum(sign * total_amount)')} as revenue,
    ${m('sum(refund)')} as refunds, ${m('sum(sign * total_amount) - sum(refund)')} as "netRevenue",
    ${m('round(sum(total_amount) filter (where sign = 1) / nullif(count(*) filter (where sign = 1), 0), 2)')} as "averageBasket"
  from b group by period order by period`;

export const PLAIN: Record<string, string> = {
  salesDay: SALES_BY('day'),
  salesWeek: SALES_BY('week'),
  salesMonth: SALES_BY('month'),
  payments: `
    with ${EVENTS},
    b as (
      select p.method::text as method, ev.sign as n, ev.sign * p.amount as amount, 0::numeric as refund
      from ev join sale_payments p on p.sale_id = ev.id where p.status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
      union all select method::text, 0, 0, amount from rf
    )
    select method, sum(n)::int as "paymentCount", ${m('sum(amount)')} as amount, ${m('sum(refund)')} as refunds,
      ${m('sum(amount) - sum(refund)')} as net
    from b group by 1 order by 1`,
  topProducts: `
    with ${EVENTS}
    select p.id as "productId", p.sku, p.name, p.category, pp.quantity::int as quantity, ${m('pp.revenue')} as revenue
    from per_product pp join products p on p.id = pp.product_id order by pp.revenue desc, pp.quantity desc, p.sku limit 100`,
  categories: `
    with ${EVENTS}
    select coalesce(nullif(p.category, ''), 'Uncategorized') as category, sum(pp.quantity)::int as quantity, ${m('sum(pp.revenue)')} as revenue,
      count(*)::int as "productCount"
    from per_product pp join products p on p.id = pp.product_id group by 1 order by sum(pp.revenue) desc, 1`,
  cashiers: `
    with ${EVENTS},
    b as (
      select cashier_id as who, (sign = 1)::int as n, sign * total_amount as revenue, case when sign = 1 then total_amount else 0 end as done,
        (sign = -1)::int as voids, case when sign = -1 then total_amount else 0 end as voided, 0 as refunds_n, 0::numeric as refunded,
        sign * discount_amount as discounts
      from ev
      union all select processed_by_id, 0, 0, 0, 0, 0, 1, amount, 0 from rf
    )
    select u.id as "cashierId", u.email as "cashierEmail", sum(n)::int as "salesCount", ${m('sum(revenue)')} as revenue,
      ${m('round(sum(done) / nullif(sum(n), 0), 2)')} as "averageBasket", sum(voids)::int as "voidCount", ${m('sum(voided)')} as "voidAmount",
      sum(refunds_n)::int as "refundCount", ${m('sum(refunded)')} as "refundAmount", ${m('sum(discounts)')} as "discountsGiven"
    from b join users u on u.id = b.who group by u.id order by sum(revenue) desc, u.email`,
  hourly: `
    with ${EVENTS},
    b as (
      select extract(hour from local_at)::int as hour, sum(sign) as n, sum(sign * total_amount) as revenue,
        sum(total_amount) filter (where sign = 1) as done, count(*) filter (where sign = 1) as completed
      from ev group by 1
    )
    select h.hour, coalesce(b.n, 0)::int as "salesCount", ${m('coalesce(b.revenue, 0)')} as revenue,
      ${m('round(b.done / nullif(b.completed, 0), 2)')} as "averageBasket"
    from generate_series(0, 23) h(hour) left join b on b.hour = h.hour order by h.hour`,
  marginProduct: marginBy('p.id::text', 'max(p.name)'),
  marginCategory: marginBy(
    `coalesce(nullif(p.category, ''), 'Uncategorized')`,
    `coalesce(nullif(p.category, ''), 'Uncategorized')`,
  ),
};

function marginBy(key: string, name: string): string {
  return `
    with ${EVENTS},
    g as (
      select ${key} as key, ${name} as name, sum(pp.net) as revenue, round(sum(pp.cogs), 2) as cogs
      from per_product pp join products p on p.id = pp.product_id group by 1
    )
    select key, name, ${m('revenue')} as revenue, ${m('cogs')} as cogs, ${m('revenue - cogs')} as margin,
      ${m('round((revenue - cogs) * 100 / nullif(revenue, 0), 2)')} as "marginPercent"
    from g order by revenue - cogs desc, key`;
}

/** One plain report over `range` of the tenant, rows as the API returns them. */
export function plainReport(t: TestApp, name: keyof typeof PLAIN, tenantId: string, range: Range) {
  const args = [tenantId, range.from, range.to, range.locationId ?? null];
  const values: unknown[] = [];
  const text = PLAIN[name].replace(/\$(\d)/g, (_m, n: string) => {
    values.push(args[Number(n) - 1]);
    return '?';
  });
  return t.sql<Record<string, unknown>>(text, values);
}
