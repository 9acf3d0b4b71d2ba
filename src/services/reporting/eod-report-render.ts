import type { SessionFigures } from '../../money/session-figures';

export interface EodReportData {
  tenantName: string;
  currency: string;
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

const money = (value: unknown) => (value === null || value === undefined ? '-' : String(value));

/** The end-of-day report as plain text (the email body). Pure: figures are printed as stored. */
export function renderEodReportText(report: EodReportData): string {
  const lines = [
    `${report.tenantName}: end of day ${report.date}`,
    `${report.location.name} (${report.location.code}), amounts in ${report.currency}`,
    '',
  ];
  for (const [column, label] of SUMMARY_LABELS) lines.push(`${label.padEnd(16)}${money(report.summary?.[column] ?? 0).padStart(16)}`);
  lines.push('', 'Sessions');
  if (!report.terminals.length) lines.push('  (none)');
  for (const t of report.terminals) {
    const f = t.figures;
    lines.push(
      `  ${t.terminalCode} ${t.sessionNumber} ${t.status}: sales ${f.salesCount}, gross ${f.grossSales.toFixed()}, refunds ${f.refunds.toFixed()},` +
        ` expected cash ${f.expectedCash.toFixed()}, counted ${f.countedCash?.toFixed() ?? 'not counted'}, variance ${f.variance?.toFixed() ?? 'unknown'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
