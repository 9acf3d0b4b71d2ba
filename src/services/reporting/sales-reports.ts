import { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/sql';
import { baseCtes, ReportScope, scopeParams } from './report-sql';

export type SalesPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface SalesReportRow {
  /** Local date the bucket starts (a Monday for WEEK, the 1st for MONTH). */
  period: string;
  sales_count: number;
  gross_sales: string;
  discounts: string;
  tax: string;
  revenue: string;
  refunds: string;
  net_revenue: string;
  average_basket: string | null;
}

/**
 * Sales per local DAY / WEEK (ISO, from Monday) / MONTH, each sale, void and
 * refund bucketed in its location's time zone. Buckets with no activity are
 * left out.
 */
export function salesReport(em: EntityManager, scope: ReportScope, period: SalesPeriod): Promise<SalesReportRow[]> {
  const unit = { DAY: 'day', WEEK: 'week', MONTH: 'month' }[period];
  return query(
    em,
    `with ${baseCtes(scope)},
     sale_buckets as (
       select date_trunc('${unit}', m.at at time zone z.tz)::date as period,
         sum(m.sign) as sales_count, sum(m.sign * m.subtotal) as gross_sales, sum(m.sign * m.discount_amount) as discounts,
         sum(m.sign * m.tax_amount) as tax, sum(m.sign * m.total_amount) as revenue,
         sum(m.total_amount) filter (where m.sign = 1) as completed_total, count(*) filter (where m.sign = 1) as completed
       from moved m join zones z on z.id = m.location_id group by 1
     ),
     refund_buckets as (
       select date_trunc('${unit}', r.at at time zone z.tz)::date as period, sum(r.amount) as refunds
       from refunds r join zones z on z.id = r.location_id group by 1
     )
     select to_char(coalesce(s.period, r.period), 'YYYY-MM-DD') as period,
       coalesce(s.sales_count, 0)::int as sales_count, coalesce(s.gross_sales, 0) as gross_sales,
       coalesce(s.discounts, 0) as discounts, coalesce(s.tax, 0) as tax, coalesce(s.revenue, 0) as revenue,
       coalesce(r.refunds, 0) as refunds, coalesce(s.revenue, 0) - coalesce(r.refunds, 0) as net_revenue,
       round(s.completed_total / nullif(s.completed, 0), 4) as average_basket
     from sale_buckets s full join refund_buckets r on r.period = s.period
     order by 1`,
    scopeParams(scope),
  );
}

export interface PaymentMethodRow {
  method: string;
  payment_count: number;
  amount: string;
  refunds: string;
  net: string;
}

/**
 * Money taken per payment method: taken payments of moved sales (a void
 * subtracts its sale's payments), refunds paid out by that method, and net.
 */
export function paymentMethodBreakdown(em: EntityManager, scope: ReportScope): Promise<PaymentMethodRow[]> {
  return query(
    em,
    `with ${baseCtes(scope)},
     paid as (
       select p.method::text as method, sum(m.sign) as payment_count, sum(m.sign * p.amount) as amount
       from moved m join sale_payments p on p.sale_id = m.id and p.tenant_id = :tenant
       where p.status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
       group by 1
     ),
     refunded as (select r.method::text as method, sum(r.amount) as refunds from refunds r group by 1)
     select coalesce(p.method, r.method) as method, coalesce(p.payment_count, 0)::int as payment_count,
       coalesce(p.amount, 0) as amount, coalesce(r.refunds, 0) as refunds, coalesce(p.amount, 0) - coalesce(r.refunds, 0) as net
     from paid p full join refunded r on r.method = p.method
     order by 1`,
    scopeParams(scope),
  );
}

export interface CashierRow {
  cashier_id: string;
  cashier_name: string | null;
  cashier_email: string;
  sales_count: number;
  revenue: string;
  average_basket: string | null;
  void_count: number;
  void_amount: string;
  refund_count: number;
  refund_amount: string;
  discounts_given: string;
}

/**
 * Per cashier: sales they completed in range, revenue (completed minus their
 * sales voided in range), average basket (of the completed ones), voids of
 * their sales, refunds they processed, and discounts on their sales
 * (completed minus voided).
 */
export function cashierPerformance(em: EntityManager, scope: ReportScope): Promise<CashierRow[]> {
  return query(
    em,
    `with ${baseCtes(scope)},
     sold as (
       select m.cashier_id, count(*) filter (where m.sign = 1) as sales_count, sum(m.sign * m.total_amount) as revenue,
         sum(m.total_amount) filter (where m.sign = 1) as completed_total,
         count(*) filter (where m.sign = -1) as void_count, coalesce(sum(m.total_amount) filter (where m.sign = -1), 0) as void_amount,
         sum(m.sign * m.discount_amount) as discounts_given
       from moved m group by 1
     ),
     refunded as (select r.processed_by_id as cashier_id, count(*) as refund_count, sum(r.amount) as refund_amount from refunds r group by 1)
     select u.id as cashier_id, u.name as cashier_name, u.email as cashier_email,
       coalesce(s.sales_count, 0)::int as sales_count, coalesce(s.revenue, 0) as revenue,
       round(s.completed_total / nullif(s.sales_count, 0), 4) as average_basket,
       coalesce(s.void_count, 0)::int as void_count, coalesce(s.void_amount, 0) as void_amount,
       coalesce(r.refund_count, 0)::int as refund_count, coalesce(r.refund_amount, 0) as refund_amount,
       coalesce(s.discounts_given, 0) as discounts_given
     from sold s full join refunded r on r.cashier_id = s.cashier_id
     join users u on u.id = coalesce(s.cashier_id, r.cashier_id) and u.tenant_id = :tenant
     order by revenue desc, u.email`,
    scopeParams(scope),
  );
}

export interface HourlyRow {
  hour: number;
  sales_count: number;
  revenue: string;
  average_basket: string | null;
}

/** The 24 local hours (0-23, each sale in its location's zone), every hour present even when empty. */
export function hourlySales(em: EntityManager, scope: ReportScope): Promise<HourlyRow[]> {
  return query(
    em,
    `with ${baseCtes(scope)},
     by_hour as (
       select extract(hour from m.at at time zone z.tz)::int as hour, sum(m.sign) as sales_count, sum(m.sign * m.total_amount) as revenue,
         sum(m.total_amount) filter (where m.sign = 1) as completed_total, count(*) filter (where m.sign = 1) as completed
       from moved m join zones z on z.id = m.location_id group by 1
     )
     select h.hour, coalesce(b.sales_count, 0)::int as sales_count, coalesce(b.revenue, 0) as revenue,
       round(b.completed_total / nullif(b.completed, 0), 4) as average_basket
     from generate_series(0, 23) as h(hour) left join by_hour b on b.hour = h.hour
     order by h.hour`,
    scopeParams(scope),
  );
}
