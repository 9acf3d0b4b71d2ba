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
    if (line.barcode) barcode(encoder, line.barcode);
    else if (line.bold) encoder.bold(true).line(line.text).bold(false);
    else encoder.line(line.text);
  }
  return encoder.cut('full').encode();
}

/** Code 128 (set B) modules of a value: start, 11 per character, check, then the 13-module stop. */
const code128Modules = (value: string) => 11 * (value.length + 2) + 13;

/**
 * The sale number as a CODE128 barcode (GS k), centred, its modules as wide
 * as the paper allows (2-4 dots: the encoder's width option is dots - 1),
 * without the printer's own HRI text: the layout prints the number on the
 * next line, so paper and text match. A number too long for the paper at 2
 * dots per module prints no bars, only its line.
 */
function barcode(encoder: InstanceType<typeof Encoder>, value: string): void {
  const dots = Math.min(4, Math.floor(encoder.printableWidth / code128Modules(value)));
  if (dots < 2) {
    encoder.line('');
    return;
  }
  encoder
    .align('center')
    .barcode(value, 'code128', { height: 60, width: dots - 1, text: false })
    .align('left');
}

/** Pulses the cash drawer's kick connector (pin 2): the OPEN_DRAWER command. */
export function drawerKick(): Uint8Array {
  return new Encoder({ language: 'esc-pos' }).pulse().encode();
}
