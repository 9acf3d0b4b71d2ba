import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules } from './report-money';
import { ReportScope } from './report.sql';
import { queryReport } from './report-windows';
import { CASHIER_PERFORMANCE, HOURLY_SALES, PAYMENT_METHODS, salesReportSql } from './sales-reports.sql';

/*
 * Every report reads whole local days from the summaries and partial days
 * from the source rows (summary-grains.sql.ts, report-windows.ts), then sums
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
  const unit = ({ DAY: 'day', WEEK: 'week', MONTH: 'month' } as const)[period];
  return queryReport(em, scope, rules, salesReportSql(unit));
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
  return queryReport(em, scope, rules, PAYMENT_METHODS);
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
  return queryReport(em, scope, rules, CASHIER_PERFORMANCE);
}

export interface HourlyRow {
  hour: number;
  sales_count: number;
  revenue: string;
  average_basket: string | null;
}

/** The 24 local hours (0-23, each sale in its location's zone), every hour present even when empty. */
export function hourlySales(em: EntityManager, scope: ReportScope, rules: MoneyRules): Promise<HourlyRow[]> {
  return queryReport(em, scope, rules, HOURLY_SALES);
}
