import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules } from './report-money';
import { ReportScope, sourceCtes } from './report.sql';
import { queryOverWindows } from './report-windows';
import { CASHIER_GRAIN, grainRows, HOUR_GRAIN, PAYMENT_GRAIN } from './summary-grains';

/*
 * Every report reads whole local days from the summaries and partial days
 * from the source rows (summary-grains.ts, report-windows.ts), then sums
 * them. Averages come back unrounded: the service rounds every money figure
 * once, to the currency's minor unit (report-money.ts).
 */

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
export function salesReport(
  em: EntityManager,
  scope: ReportScope,
  rules: MoneyRules,
  period: SalesPeriod,
): Promise<SalesReportRow[]> {
  const unit = { DAY: 'day', WEEK: 'week', MONTH: 'month' }[period];
  return queryOverWindows(
    em,
    scope,
    rules,
    `with ${sourceCtes()}, g as (${grainRows(HOUR_GRAIN, ['date'])})
     select to_char(date_trunc('${unit}', g.date::timestamp), 'YYYY-MM-DD') as period,
       sum(g.sales_count)::int as sales_count, sum(g.gross_sales) as gross_sales, sum(g.discounts) as discounts, sum(g.tax) as tax,
       sum(g.revenue) as revenue, sum(g.refunds) as refunds, sum(g.revenue) - sum(g.refunds) as net_revenue,
       sum(g.completed_total) / nullif(sum(g.completed_count), 0) as average_basket
     from g group by 1 order by 1`,
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
export function paymentMethodBreakdown(
  em: EntityManager,
  scope: ReportScope,
  rules: MoneyRules,
): Promise<PaymentMethodRow[]> {
  return queryOverWindows(
    em,
    scope,
    rules,
    `with ${sourceCtes()}, g as (${grainRows(PAYMENT_GRAIN, ['method'])})
     select g.method, sum(g.payment_count)::int as payment_count, sum(g.amount) as amount, sum(g.refunds) as refunds,
       sum(g.amount) - sum(g.refunds) as net
     from g group by 1 order by 1`,
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
export function cashierPerformance(em: EntityManager, scope: ReportScope, rules: MoneyRules): Promise<CashierRow[]> {
  return queryOverWindows(
    em,
    scope,
    rules,
    `with ${sourceCtes()}, g as (${grainRows(CASHIER_GRAIN, ['cashier_id'])}),
     per_cashier as (
       select g.cashier_id, sum(g.sales_count) as sales_count, sum(g.revenue) as revenue, sum(g.completed_total) as completed_total,
         sum(g.void_count) as void_count, sum(g.void_amount) as void_amount, sum(g.refund_count) as refund_count,
         sum(g.refund_amount) as refund_amount, sum(g.discounts_given) as discounts_given
       from g group by 1
     )
     select u.id as cashier_id, u.name as cashier_name, u.email as cashier_email, c.sales_count::int as sales_count, c.revenue,
       c.completed_total / nullif(c.sales_count, 0) as average_basket, c.void_count::int as void_count, c.void_amount,
       c.refund_count::int as refund_count, c.refund_amount, c.discounts_given
     from per_cashier c join users u on u.id = c.cashier_id and u.tenant_id = :tenant
     order by c.revenue desc, u.email`,
  );
}

export interface HourlyRow {
  hour: number;
  sales_count: number;
  revenue: string;
  average_basket: string | null;
}

/** The 24 local hours (0-23, each sale in its location's zone), every hour present even when empty. */
export function hourlySales(em: EntityManager, scope: ReportScope, rules: MoneyRules): Promise<HourlyRow[]> {
  return queryOverWindows(
    em,
    scope,
    rules,
    `with ${sourceCtes()}, g as (${grainRows(HOUR_GRAIN, ['hour'])}),
     by_hour as (
       select g.hour, sum(g.sales_count) as sales_count, sum(g.revenue) as revenue,
         sum(g.completed_total) as completed_total, sum(g.completed_count) as completed
       from g group by 1
     )
     select h.hour, coalesce(b.sales_count, 0)::int as sales_count, coalesce(b.revenue, 0) as revenue,
       b.completed_total / nullif(b.completed, 0) as average_basket
     from generate_series(0, 23) as h(hour) left join by_hour b on b.hour = h.hour
     order by h.hour`,
  );
}
