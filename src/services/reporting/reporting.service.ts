import Decimal from 'decimal.js';
import { TenantContext } from '../../context';
import { badInput } from '../../errors';
import { isCalendarDate } from '../core/calendar-date';
import { dailySummaryRows } from './daily-summary.sql';
import { profitMargin, salesByCategory, topProducts } from './product-reports';
import { MarginGroup } from './product-reports.sql';
import { reportCsv } from './report-csv';
import { moneyRules, readableMoney, reportRow } from './report-money';
import { reportScope, requireLocation } from './report-range';
import { cashierPerformance, hourlySales, paymentMethodBreakdown, SalesPeriod, salesReport } from './sales-reports';

export interface ReportRangeInput {
  from: Date;
  to: Date;
  locationId?: string | null;
}

export const MAX_TOP_PRODUCTS = 100;

export interface DailySummaryRow {
  date: string;
  locationId: string;
  totalSales: number;
  totalRevenue: Decimal;
  totalCOGS: Decimal;
  totalDiscount: Decimal;
  totalTax: Decimal;
  totalRefunds: Decimal;
  cashTotal: Decimal;
  cardTotal: Decimal;
  otherTotal: Decimal;
}

/**
 * The report queries (docs/api.md, Reports). Each is one read-only SQL aggregate
 * with `tenant_id` on every table (docs/reports.md says what each reads).
 * Inputs are checked first: from < to, at most 366 days, a location of the
 * tenant (BAD_USER_INPUT / NOT_FOUND). Money comes back at the currency's
 * minor unit (report-money.ts).
 */
export class ReportingService {
  /** The stored DailySalesSummary rows of a local date, per location (those with any activity). */
  async dailySalesSummary(ctx: TenantContext, date: string, locationId?: string | null): Promise<DailySummaryRow[]> {
    if (!isCalendarDate(date)) throw badInput('date', 'must be a calendar date YYYY-MM-DD');
    if (locationId) await requireLocation(ctx, locationId);
    const rows = await dailySummaryRows(ctx.em, ctx.tenantId, date, locationId ?? null);
    const rules = await moneyRules(ctx.em, ctx.tenantId);
    const money = (value: string) => readableMoney(value, rules)!;
    return rows.map((r) => ({
      date: r.date,
      locationId: r.location_id,
      totalSales: r.total_sales,
      totalRevenue: money(r.total_revenue),
      totalCOGS: money(r.total_cogs),
      totalDiscount: money(r.total_discount),
      totalTax: money(r.total_tax),
      totalRefunds: money(r.total_refunds),
      cashTotal: money(r.cash_total),
      cardTotal: money(r.card_total),
      otherTotal: money(r.other_total),
    }));
  }

  /** Sales per local day, ISO week or month (see sales-reports.ts). */
  async salesReport(ctx: TenantContext, input: ReportRangeInput, groupBy: SalesPeriod = 'DAY') {
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await salesReport(ctx.em, scope, rules, groupBy);
    return rows.map((r) =>
      reportRow(r, rules, 'gross_sales', 'discounts', 'tax', 'revenue', 'refunds', 'net_revenue', 'average_basket'),
    );
  }

  async paymentMethodBreakdown(ctx: TenantContext, input: ReportRangeInput) {
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await paymentMethodBreakdown(ctx.em, scope, rules);
    return rows.map((r) => reportRow(r, rules, 'amount', 'refunds', 'net'));
  }

  /** Errors also BAD_USER_INPUT "limit" outside 1..100. */
  async topProducts(ctx: TenantContext, input: ReportRangeInput, limit = 10) {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TOP_PRODUCTS)
      throw badInput('limit', `must be 1 to ${MAX_TOP_PRODUCTS}`);
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await topProducts(ctx.em, scope, rules, limit);
    return rows.map((r) => reportRow(r, rules, 'revenue'));
  }

  async salesByCategory(ctx: TenantContext, input: ReportRangeInput) {
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await salesByCategory(ctx.em, scope, rules);
    return rows.map((r) => reportRow(r, rules, 'revenue'));
  }

  async cashierPerformance(ctx: TenantContext, input: ReportRangeInput) {
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await cashierPerformance(ctx.em, scope, rules);
    return rows.map((r) =>
      reportRow(r, rules, 'revenue', 'average_basket', 'void_amount', 'refund_amount', 'discounts_given'),
    );
  }

  async hourlySales(ctx: TenantContext, input: ReportRangeInput) {
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await hourlySales(ctx.em, scope, rules);
    return rows.map((r) => reportRow(r, rules, 'revenue', 'average_basket'));
  }

  /**
   * Revenue and COGS at the currency's minor unit; margin = revenue - COGS
   * and margin % = margin / revenue x 100 (2 places, half up; null without
   * revenue) from those rounded figures; by margin, highest first.
   */
  async profitMargin(ctx: TenantContext, input: ReportRangeInput, groupBy: MarginGroup = 'PRODUCT') {
    const [scope, rules] = await this.prepare(ctx, input);
    const rows = await profitMargin(ctx.em, scope, rules, groupBy);
    return rows
      .map((r) => {
        const revenue = readableMoney(r.revenue, rules)!;
        const cogs = readableMoney(r.cogs, rules)!;
        const margin = revenue.minus(cogs);
        const marginPercent = revenue.isZero()
          ? null
          : margin.times(100).div(revenue).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        return { key: r.key, name: r.name, revenue, cogs, margin, marginPercent };
      })
      .sort((a, b) => b.margin.comparedTo(a.margin) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** A report as CSV (report-csv.ts). */
  csv(ctx: TenantContext, report: string, input: ReportRangeInput): Promise<string> {
    return reportCsv(ctx, this, report, input);
  }

  private async prepare(ctx: TenantContext, input: ReportRangeInput) {
    const scope = await reportScope(ctx, input);
    return [scope, await moneyRules(ctx.em, ctx.tenantId)] as const;
  }
}
