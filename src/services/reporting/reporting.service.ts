import Decimal from 'decimal.js';
import { TenantContext } from '../../context';
import { badInput } from '../../errors';
import { Dec } from '../../money/decimal';
import { isCalendarDate } from '../core/calendar-date';
import { MarginGroup, profitMargin, salesByCategory, topProducts } from './product-reports';
import { reportScope, requireLocation } from './report-range';
import { query } from '../core/sql';
import { cashierPerformance, hourlySales, paymentMethodBreakdown, SalesPeriod, salesReport } from './sales-reports';

export interface ReportRangeInput {
  from: Date;
  to: Date;
  locationId?: string | null;
}

export const MAX_TOP_PRODUCTS = 100;

/** A SQL row for the schema: camelCase keys, the named numeric columns (strings from pg) as Decimal. */
function toRow<R extends object>(row: R, ...decimalColumns: Array<keyof R>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const converted = decimalColumns.includes(key as keyof R) && value !== null ? new Dec(value as string) : value;
    out[key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = converted;
  }
  return out;
}

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
 * tenant (BAD_USER_INPUT / NOT_FOUND).
 */
export class ReportingService {
  /** The stored DailySalesSummary rows of a local date, per location (those with any activity). */
  async dailySalesSummary(ctx: TenantContext, date: string, locationId?: string | null): Promise<DailySummaryRow[]> {
    if (!isCalendarDate(date)) throw badInput('date', 'must be a calendar date YYYY-MM-DD');
    if (locationId) await requireLocation(ctx, locationId);
    const rows = await query<Record<string, string> & { total_sales: number }>(
      ctx.em,
      `select to_char(d.date, 'YYYY-MM-DD') as date, d.location_id, d.total_sales, d.total_revenue, d.total_cogs, d.total_discount,
         d.total_tax, d.total_refunds, d.cash_total, d.card_total, d.other_total
       from daily_sales_summaries d join locations l on l.id = d.location_id and l.tenant_id = d.tenant_id
       where d.tenant_id = :tenant and d.date = :date ${locationId ? 'and d.location_id = :location' : ''}
       order by l.code`,
      { tenant: ctx.tenantId, date, location: locationId ?? null },
    );
    return rows.map((r) => ({
      date: r.date,
      locationId: r.location_id,
      totalSales: r.total_sales,
      totalRevenue: new Dec(r.total_revenue),
      totalCOGS: new Dec(r.total_cogs),
      totalDiscount: new Dec(r.total_discount),
      totalTax: new Dec(r.total_tax),
      totalRefunds: new Dec(r.total_refunds),
      cashTotal: new Dec(r.cash_total),
      cardTotal: new Dec(r.card_total),
      otherTotal: new Dec(r.other_total),
    }));
  }

  /** Sales per local day, ISO week or month (see sales-reports.ts). */
  async salesReport(ctx: TenantContext, input: ReportRangeInput, groupBy: SalesPeriod = 'DAY') {
    const rows = await salesReport(ctx.em, await reportScope(ctx, input), groupBy);
    return rows.map((r) => toRow(r, 'gross_sales', 'discounts', 'tax', 'revenue', 'refunds', 'net_revenue', 'average_basket'));
  }

  async paymentMethodBreakdown(ctx: TenantContext, input: ReportRangeInput) {
    const rows = await paymentMethodBreakdown(ctx.em, await reportScope(ctx, input));
    return rows.map((r) => toRow(r, 'amount', 'refunds', 'net'));
  }

  /** Errors also BAD_USER_INPUT "limit" outside 1..100. */
  async topProducts(ctx: TenantContext, input: ReportRangeInput, limit = 10) {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TOP_PRODUCTS) throw badInput('limit', `must be 1 to ${MAX_TOP_PRODUCTS}`);
    const rows = await topProducts(ctx.em, await reportScope(ctx, input), limit);
    return rows.map((r) => toRow(r, 'revenue'));
  }

  async salesByCategory(ctx: TenantContext, input: ReportRangeInput) {
    const rows = await salesByCategory(ctx.em, await reportScope(ctx, input));
    return rows.map((r) => toRow(r, 'revenue'));
  }

  async cashierPerformance(ctx: TenantContext, input: ReportRangeInput) {
    const rows = await cashierPerformance(ctx.em, await reportScope(ctx, input));
    return rows.map((r) => toRow(r, 'revenue', 'average_basket', 'void_amount', 'refund_amount', 'discounts_given'));
  }

  async hourlySales(ctx: TenantContext, input: ReportRangeInput) {
    const rows = await hourlySales(ctx.em, await reportScope(ctx, input));
    return rows.map((r) => toRow(r, 'revenue', 'average_basket'));
  }

  async profitMargin(ctx: TenantContext, input: ReportRangeInput, groupBy: MarginGroup = 'PRODUCT') {
    const rows = await profitMargin(ctx.em, await reportScope(ctx, input), groupBy);
    return rows.map((r) => toRow(r, 'revenue', 'cogs', 'margin', 'margin_percent'));
  }
}
