import type ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder' with { 'resolution-mode': 'import' };
import type { ReceiptData } from '../receipt/receipt-data';
import { DEFAULT_RECEIPT_WIDTH, layoutReceipt } from '../receipt/receipt-layout';

// The package is ESM-typed but ships a CommonJS build; require() keeps this project CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const Encoder: typeof ReceiptPrinterEncoder = require('@point-of-sale/receipt-printer-encoder');

/** Paper widths (characters per line) the encoder supports. */
export const ESCPOS_WIDTHS = [32, 35, 42, 44, 48] as const;
export type EscPosWidth = (typeof ESCPOS_WIDTHS)[number];

export interface EscPosOptions {
  /** Characters per line; 42 is 80 mm paper with font A on most printers. */
  width?: EscPosWidth;
  /** Lines fed before the cut so the last printed line clears the cutter. */
  feedBeforeCut?: number;
}

/**
 * The receipt as ESC/POS bytes: the lines of `layoutReceipt` (the same as
 * `renderReceiptText`), totals in bold, code pages chosen per character,
 * then a full cut.
 */
export function receiptToEscPos(data: ReceiptData, options: EscPosOptions = {}): Uint8Array {
  const width = options.width ?? DEFAULT_RECEIPT_WIDTH;
  const encoder = new Encoder({ language: 'esc-pos', columns: width, feedBeforeCut: options.feedBeforeCut ?? 4 });
  encoder.initialize().codepage('auto');
  for (const line of layoutReceipt(data, width)) {
    if (line.bold) encoder.bold(true).line(line.text).bold(false);
    else encoder.line(line.text);
  }
  return encoder.cut('full').encode();
}

/** Pulses the cash drawer's kick connector (pin 2): the OPEN_DRAWER command. */
export function drawerKick(): Uint8Array {
  return new Encoder({ language: 'esc-pos' }).pulse().encode();
}
