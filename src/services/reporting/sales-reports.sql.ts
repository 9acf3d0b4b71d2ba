import { CASHIER_GRAIN, HOUR_GRAIN, overGrain, PAYMENT_GRAIN } from './summary-grains.sql';

/** The sales reports' statements (sales-reports.ts runs them over the report windows). */

/** Sales per local date bucketed by `unit` (date_trunc's field), buckets without activity left out. */
export function salesReportSql(unit: 'day' | 'week' | 'month'): string {
  return `${overGrain(HOUR_GRAIN, ['date'], unit === 'month')}
     select to_char(date_trunc('${unit}', g.date::timestamp), 'YYYY-MM-DD') as period,
       sum(g.sales_count)::int as sales_count, sum(g.gross_sales) as gross_sales, sum(g.discounts) as discounts, sum(g.tax) as tax,
       sum(g.revenue) as revenue, sum(g.refunds) as refunds, sum(g.revenue) - sum(g.refunds) as net_revenue,
       sum(g.completed_total) / nullif(sum(g.completed_count), 0) as average_basket
     from g group by 1 order by 1`;
}

/** Per payment method: payments taken, refunds paid out, net. */
export const PAYMENT_METHODS = `${overGrain(PAYMENT_GRAIN, ['method'])}
     select g.method, sum(g.payment_count)::int as payment_count, sum(g.amount) as amount, sum(g.refunds) as refunds,
       sum(g.amount) - sum(g.refunds) as net
     from g group by 1 order by 1`;

/**
 * Per cashier of the tenant, by revenue then email. `per_cashier` is
 * materialized: inlined, the planner joined each user to it as a
 * parameterized subquery and summed every source of the range once per user.
 */
export const CASHIER_PERFORMANCE = `${overGrain(CASHIER_GRAIN, ['cashier_id'])},
     per_cashier as materialized (
       select g.cashier_id, sum(g.sales_count) as sales_count, sum(g.revenue) as revenue, sum(g.completed_total) as completed_total,
         sum(g.void_count) as void_count, sum(g.void_amount) as void_amount, sum(g.refund_count) as refund_count,
         sum(g.refund_amount) as refund_amount, sum(g.discounts_given) as discounts_given
       from g group by 1
     )
     select u.id as cashier_id, u.name as cashier_name, u.email as cashier_email, c.sales_count::int as sales_count, c.revenue,
       c.completed_total / nullif(c.sales_count, 0) as average_basket, c.void_count::int as void_count, c.void_amount,
       c.refund_count::int as refund_count, c.refund_amount, c.discounts_given
     from per_cashier c join users u on u.id = c.cashier_id and u.tenant_id = :tenant
     order by c.revenue desc, u.email`;

/** The 24 local hours, every one present even when empty. */
export const HOURLY_SALES = `${overGrain(HOUR_GRAIN, ['hour'])},
     by_hour as (
       select g.hour, sum(g.sales_count) as sales_count, sum(g.revenue) as revenue,
         sum(g.completed_total) as completed_total, sum(g.completed_count) as completed
       from g group by 1
     )
     select h.hour, coalesce(b.sales_count, 0)::int as sales_count, coalesce(b.revenue, 0) as revenue,
       b.completed_total / nullif(b.completed, 0) as average_basket
     from generate_series(0, 23) as h(hour) left join by_hour b on b.hour = h.hour
     order by h.hour`;
