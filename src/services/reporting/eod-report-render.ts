import Decimal from 'decimal.js';
import { RoundingMode } from '../../entities/enums';
import { minorUnitDigits } from '../../money/currency';
import { Dec } from '../../money/decimal';
import { roundMoney } from '../../money/rounding';
import type { SessionFigures } from '../../money/session-figures';

export interface EodReportData {
  tenantName: string;
  currency: string;
  /** The tenant's rounding mode: figures are printed at the currency's minor unit (cost of goods may carry more). */
  roundingMode?: RoundingMode;
  location: { name: string; code: string };
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** The day's daily_sales_summaries row (snake_case columns as stored), absent when nothing happened. */
  summary?: Record<string, unknown>;
  terminals: Array<{ terminalCode: string; sessionNumber: string; status: string; figures: SessionFigures }>;
}

const SUMMARY_LABELS: Array<[string, string]> = [
  ['total_sales', 'Sales'],
  ['total_revenue', 'Revenue'],
  ['total_discount', 'Discounts'],
  ['total_tax', 'Tax'],
  ['total_refunds', 'Refunds'],
  ['total_cogs', 'Cost of goods'],
  ['cash_total', 'Cash'],
  ['card_total', 'Card'],
  ['other_total', 'Other'],
];

/** The end-of-day report as plain text (the email body). Pure: money at the currency's minor unit ("12.50", JPY "1250"). */
export function renderEodReportText(report: EodReportData): string {
  const digits = minorUnitDigits(report.currency);
  const mode = report.roundingMode ?? RoundingMode.HALF_UP;
  const money = (value: unknown) =>
    value === null || value === undefined
      ? '-'
      : roundMoney(new Dec(value as string | Decimal), digits, mode).toFixed(digits);
  const lines = [
    `${report.tenantName}: end of day ${report.date}`,
    `${report.location.name} (${report.location.code}), amounts in ${report.currency}`,
    '',
  ];
  for (const [column, label] of SUMMARY_LABELS) {
    const value = report.summary?.[column] ?? 0;
    lines.push(`${label.padEnd(16)}${(column === 'total_sales' ? String(value) : money(value)).padStart(16)}`);
  }
  lines.push('', 'Sessions');
  if (!report.terminals.length) lines.push('  (none)');
  for (const t of report.terminals) {
    const f = t.figures;
    lines.push(
      `  ${t.terminalCode} ${t.sessionNumber} ${t.status}: sales ${f.salesCount}, gross ${money(f.grossSales)}, refunds ${money(f.refunds)},` +
        ` expected cash ${money(f.expectedCash)}, counted ${f.countedCash ? money(f.countedCash) : 'not counted'},` +
        ` variance ${f.variance ? money(f.variance) : 'unknown'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
