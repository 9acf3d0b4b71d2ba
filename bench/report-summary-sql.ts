/**
 * Hand-written SQL for the bench's floor: each report's figures read
 * straight from the summary tables over whole days [$2, $3) of tenant $1,
 * with no source rows and no per-location windows. The reports should stay
 * within 1.5x of these (issue 20).
 */
const days = (table: string) => `from ${table} d where d.tenant_id = ? and d.date >= ?::date and d.date < ?::date`;

const salesBy = (unit: string) => `
  select to_char(date_trunc('${unit}', d.date::timestamp), 'YYYY-MM-DD') as period, sum(d.sales_count)::int, sum(d.gross_sales), sum(d.discounts),
    sum(d.tax), sum(d.revenue), sum(d.refunds), sum(d.revenue) - sum(d.refunds), sum(d.completed_total) / nullif(sum(d.completed_count), 0)
  ${days('daily_hour_summaries')} group by 1 order by 1`;

const perProduct = `with pp as (select d.product_id, sum(d.quantity) as quantity, sum(d.revenue) as revenue, sum(d.net_revenue) as net_revenue,
  sum(d.cogs) as cogs ${days('daily_product_summaries')} group by 1)`;

export const HAND_WRITTEN: Record<string, string> = {
  salesDay: salesBy('day'),
  salesMonth: salesBy('month'),
  payments: `select d.method, sum(d.payment_count)::int, sum(d.amount), sum(d.refunds), sum(d.amount) - sum(d.refunds)
    ${days('daily_payment_summaries')} group by 1 order by 1`,
  topProducts: `${perProduct} select p.id, p.sku, p.name, p.category, pp.quantity, pp.revenue from pp join products p on p.id = pp.product_id
    order by pp.revenue desc, pp.quantity desc, p.sku limit 10`,
  categories: `${perProduct} select coalesce(nullif(p.category, ''), 'Uncategorized'), sum(pp.quantity), sum(pp.revenue), count(*)
    from pp join products p on p.id = pp.product_id group by 1 order by 3 desc, 1`,
  cashiers: `with c as (select d.cashier_id, sum(d.sales_count) as n, sum(d.revenue) as revenue, sum(d.completed_total) as done,
      sum(d.void_count), sum(d.void_amount), sum(d.refund_count), sum(d.refund_amount), sum(d.discounts_given)
      ${days('daily_cashier_summaries')} group by 1)
    select u.email, c.* from c join users u on u.id = c.cashier_id order by c.revenue desc, u.email`,
  hourly: `select d.hour, sum(d.sales_count), sum(d.revenue), sum(d.completed_total) / nullif(sum(d.completed_count), 0)
    ${days('daily_hour_summaries')} group by 1 order by 1`,
  marginProduct: `${perProduct} select p.id, max(p.name), sum(pp.net_revenue), sum(pp.cogs) from pp join products p on p.id = pp.product_id
    group by 1 order by 1`,
  marginCategory: `${perProduct} select coalesce(nullif(p.category, ''), 'Uncategorized'), sum(pp.net_revenue), sum(pp.cogs)
    from pp join products p on p.id = pp.product_id group by 1 order by 1`,
};
