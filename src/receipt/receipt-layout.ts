import { dec } from '../money/decimal';
import type { ReceiptData, ReceiptStatus } from './receipt-data';

/**
 * The receipt laid out once, as fixed-width lines: the plain text (API,
 * email) and the ESC/POS bytes (printer) are both written from this model,
 * so the paper and the screen can never disagree.
 */
export interface PrintLine {
  /** At most `width` characters, no trailing spaces. */
  text: string;
  bold: boolean;
  /**
   * Set on the (empty) line where the printer draws the sale number as a
   * barcode; the text rendering shows the gap, and the next line carries the
   * number in Code 39 style (`*T1-000042*`) for the eye and for a reader
   * that scans text.
   */
  barcode?: string;
}

export const DEFAULT_RECEIPT_WIDTH = 42;
/** Below this a label and an amount no longer fit side by side. */
const MIN_WIDTH = 24;
/** A label squeezed narrower than this is unreadable: the value moves below it. */
const MIN_LABEL = 8;

const PAYMENT_LABELS: Record<string, string> = {
  CASH: 'Cash',
  CARD: 'Card',
  MOBILE_WALLET: 'Mobile wallet',
  BANK_TRANSFER: 'Bank transfer',
  CREDIT: 'Store credit',
};

const STATUS_BANNERS: Record<ReceiptStatus, string | null> = {
  COMPLETED: null,
  VOIDED: '*** VOIDED ***',
  PARTIALLY_REFUNDED: '*** PARTIALLY REFUNDED ***',
  REFUNDED: '*** REFUNDED ***',
};

/** Lays a receipt out in `width` columns (42: 80 mm paper, font A). Pure. */
export function layoutReceipt(data: ReceiptData, width = DEFAULT_RECEIPT_WIDTH): PrintLine[] {
  if (!Number.isInteger(width) || width < MIN_WIDTH)
    throw new RangeError(`receipt width must be an integer >= ${MIN_WIDTH}`);
  const out = new LineWriter(width);

  out.centred(data.header.tenantName, true);
  out.centred(`${data.header.locationName} (${data.header.locationCode})`);
  for (const part of (data.header.address ?? '').split('\n')) if (part.trim()) out.centred(part);
  out.blank();
  const banner = STATUS_BANNERS[data.status];
  if (banner) {
    out.centred(banner, true);
    out.blank();
  }
  out.pair('Receipt', data.saleNumber);
  out.pair('Date', localTime(data.completedAt, data.timezone));
  out.pair('Terminal', data.terminalCode);
  out.pair('Cashier', data.cashierName);
  out.rule();

  for (const line of data.lines) {
    out.wrapped(line.name);
    out.pair(`  ${line.quantity} x ${line.unitPrice}`, line.grossAmount);
    if (!isZero(line.discountAmount)) out.pair('  Discount', negative(line.discountAmount));
  }
  out.rule();

  out.pair('Subtotal', data.subtotal);
  if (!isZero(data.discountAmount)) out.pair('Discount', negative(data.discountAmount));
  out.pair('Tax', data.taxAmount);
  out.pair(`TOTAL ${data.currency}`, data.totalAmount, true);
  if (!isZero(data.roundingAdjustment)) out.pair('Cash rounding', data.roundingAdjustment);

  if (data.taxBreakdown.length > 0) {
    out.rule();
    for (const row of data.taxBreakdown) out.pair(`Tax ${percent(row.rate)} on ${row.taxableAmount}`, row.taxAmount);
  }

  if (data.payments.length > 0) {
    out.rule();
    for (const p of data.payments) {
      out.pair(
        p.reference ? `${paymentLabel(p.method)} ****${p.reference.slice(-4)}` : paymentLabel(p.method),
        p.amount,
      );
      if (p.receivedAmount && !dec(p.receivedAmount).eq(dec(p.amount))) out.pair('  Tendered', p.receivedAmount);
    }
    if (!isZero(data.changeAmount)) out.pair('CHANGE', data.changeAmount, true);
  }

  if (data.refunds.length > 0) {
    out.rule();
    for (const r of data.refunds) {
      out.pair(`Refund ${r.refundNumber}`, negative(r.amount));
      out.wrapped(`  ${localTime(r.at, data.timezone)} ${paymentLabel(r.method)}`);
    }
  }

  out.barcode(data.saleNumber);

  const footer = data.footer.split('\n').filter((part) => part.trim());
  if (footer.length > 0) {
    out.blank();
    for (const part of footer) out.centred(part);
  }
  return out.lines;
}

/** Builds lines that never exceed the width (long words are broken). */
class LineWriter {
  readonly lines: PrintLine[] = [];
  constructor(private readonly width: number) {}

  private push(text: string, bold = false): void {
    this.lines.push({ text: text.trimEnd(), bold });
  }

  blank(): void {
    this.push('');
  }

  /** The bars (an empty text line the printer fills) and the number under them. */
  barcode(value: string): void {
    this.lines.push({ text: '', bold: false, barcode: value });
    this.centred(`*${value}*`);
  }

  rule(): void {
    this.push('-'.repeat(this.width));
  }

  wrapped(text: string, bold = false): void {
    const indent = /^ */.exec(text)![0];
    for (const part of wrap(text.trim(), this.width - indent.length)) this.push(indent + part, bold);
  }

  centred(text: string, bold = false): void {
    for (const part of wrap(text.trim(), this.width))
      this.push(' '.repeat(Math.floor((this.width - length(part)) / 2)) + part, bold);
  }

  /**
   * A label on the left and a value right-aligned on the same (last) line;
   * a value too long for that (a long name) goes right-aligned below.
   */
  pair(label: string, value: string, bold = false): void {
    const indent = /^ */.exec(label)![0];
    const room = this.width - length(value) - 1 - indent.length;
    if (room < MIN_LABEL) {
      this.wrapped(label, bold);
      for (const part of wrap(value, this.width)) this.push(' '.repeat(this.width - length(part)) + part, bold);
      return;
    }
    const parts = wrap(label.trim(), room).map((p) => indent + p);
    const last = parts.pop()!;
    for (const part of parts) this.push(part, bold);
    this.push(last + ' '.repeat(this.width - length(last) - length(value)) + value, bold);
  }
}

/** Code points, so "é" counts as one column. */
function length(text: string): number {
  return Array.from(text).length;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = Array.from(word);
    if (current && length(current) + 1 + rest.length <= width) {
      current += ` ${word}`;
      continue;
    }
    if (current) out.push(current);
    while (rest.length > width) {
      out.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    current = rest.join('');
  }
  out.push(current);
  return out;
}

function isZero(amount: string): boolean {
  return dec(amount).isZero();
}

/** Discounts and refunds print as deductions: "6.00" -> "-6.00". */
function negative(amount: string): string {
  return amount.startsWith('-') ? amount : `-${amount}`;
}

/** "0.0825" -> "8.25%", "0.2000" -> "20%". */
function percent(rate: string): string {
  return `${dec(rate).times(100).toFixed()}%`;
}

function paymentLabel(method: string): string {
  return PAYMENT_LABELS[method] ?? method;
}

/** "2026-02-28 22:30" on the location's wall clock. */
export function localTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
