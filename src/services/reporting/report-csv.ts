import Decimal from 'decimal.js';
import { stringify } from 'csv-stringify/sync';
import { TenantContext } from '../../context';
import { badInput } from '../../errors';
import { moneyRules } from './report-money';
import type { ReportRangeInput, ReportingService } from './reporting.service';

type Rows = Promise<Array<Record<string, unknown>>>;

/** A column: the row's key (the GraphQL field name, also the header) and how its value is written. */
type Column = [key: string, kind?: 'money' | 'percent'];

interface CsvReport {
  run: (reports: ReportingService, ctx: TenantContext, input: ReportRangeInput) => Rows;
  columns: Column[];
}

const SALES: Column[] = [
  ['period'],
  ['salesCount'],
  ['grossSales', 'money'],
  ['discounts', 'money'],
  ['tax', 'money'],
  ['revenue', 'money'],
  ['refunds', 'money'],
  ['netRevenue', 'money'],
  ['averageBasket', 'money'],
];
const MARGIN: Column[] = [
  ['key'],
  ['name'],
  ['revenue', 'money'],
  ['cogs', 'money'],
  ['margin', 'money'],
  ['marginPercent', 'percent'],
];

/**
 * The reports a CSV can be asked for, by name (docs/reports.md, "CSV"): the
 * GraphQL report of that name with its default options, except topProducts
 * at its maximum of 100 rows; the ByWeek / ByMonth / ByCategory names pick
 * the other groupings.
 */
export const CSV_REPORTS: Record<string, CsvReport> = {
  salesReport: { run: (r, ctx, i) => r.salesReport(ctx, i, 'DAY'), columns: SALES },
  salesReportByWeek: { run: (r, ctx, i) => r.salesReport(ctx, i, 'WEEK'), columns: SALES },
  salesReportByMonth: { run: (r, ctx, i) => r.salesReport(ctx, i, 'MONTH'), columns: SALES },
  paymentMethodBreakdown: {
    run: (r, ctx, i) => r.paymentMethodBreakdown(ctx, i),
    columns: [['method'], ['paymentCount'], ['amount', 'money'], ['refunds', 'money'], ['net', 'money']],
  },
  topProducts: {
    run: (r, ctx, i) => r.topProducts(ctx, i, 100),
    columns: [['productId'], ['sku'], ['name'], ['category'], ['quantity'], ['revenue', 'money']],
  },
  salesByCategory: {
    run: (r, ctx, i) => r.salesByCategory(ctx, i),
    columns: [['category'], ['quantity'], ['revenue', 'money'], ['productCount']],
  },
  cashierPerformance: {
    run: (r, ctx, i) => r.cashierPerformance(ctx, i),
    columns: [
      ['cashierId'],
      ['cashierName'],
      ['cashierEmail'],
      ['salesCount'],
      ['revenue', 'money'],
      ['averageBasket', 'money'],
      ['voidCount'],
      ['voidAmount', 'money'],
      ['refundCount'],
      ['refundAmount', 'money'],
      ['discountsGiven', 'money'],
    ],
  },
  hourlySales: {
    run: (r, ctx, i) => r.hourlySales(ctx, i),
    columns: [['hour'], ['salesCount'], ['revenue', 'money'], ['averageBasket', 'money']],
  },
  profitMargin: { run: (r, ctx, i) => r.profitMargin(ctx, i, 'PRODUCT'), columns: MARGIN },
  profitMarginByCategory: { run: (r, ctx, i) => r.profitMargin(ctx, i, 'CATEGORY'), columns: MARGIN },
};

/**
 * A report as RFC 4180 CSV (csv-stringify: CRLF line ends, fields with
 * commas, quotes or line breaks quoted, quotes doubled), a header row of the
 * GraphQL field names, money at the currency's minor unit ("12.50", JPY
 * "1250"), percentages at 2 places, empty for null. Periods are local dates
 * of each location's zone, as in the report. Errors: BAD_USER_INPUT "report"
 * for an unknown name, then the report's own input checks.
 */
export async function reportCsv(
  ctx: TenantContext,
  reports: ReportingService,
  name: string,
  input: ReportRangeInput,
): Promise<string> {
  const report = Object.hasOwn(CSV_REPORTS, name) ? CSV_REPORTS[name] : undefined;
  if (!report) throw badInput('report', `must be one of ${Object.keys(CSV_REPORTS).join(', ')}`);
  const rows = await report.run(reports, ctx, input);
  const { digits } = await moneyRules(ctx.em, ctx.tenantId);
  const cell = (value: unknown, kind?: Column[1]): string => {
    if (value === null || value === undefined) return '';
    if (kind === 'money') return (value as Decimal).toFixed(digits);
    if (kind === 'percent') return (value as Decimal).toFixed(2);
    return String(value);
  };
  const records = rows.map((row) => report.columns.map(([key, kind]) => cell(row[key], kind)));
  return stringify([report.columns.map(([key]) => key), ...records], { record_delimiter: 'windows' });
}
