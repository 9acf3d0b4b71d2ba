import type { ReceiptData } from './receipt-data';
import { DEFAULT_RECEIPT_WIDTH, layoutReceipt } from './receipt-layout';

/**
 * The receipt as plain text, `width` columns (default 42), one "\n" after
 * each line: the `Receipt.text` field and the body of receipt emails. The
 * printer prints the same lines (`hardware-agent/escpos.ts`).
 */
export function renderReceiptText(data: ReceiptData, width = DEFAULT_RECEIPT_WIDTH): string {
  return layoutReceipt(data, width)
    .map((line) => `${line.text}\n`)
    .join('');
}
