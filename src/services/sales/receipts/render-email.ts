import type { ReceiptData } from '../../../receipt/receipt-data';
import { renderReceiptText } from '../../../receipt/render-text';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A receipt as an email: the same 42-column text as the printed one (so the
 * figures can never differ, the `*NUMBER*` line under the barcode's gap
 * included), and an HTML part showing that text in a monospaced block, then
 * the sale number alone on a large monospaced line for the register to read
 * from the customer's phone (typed, or scanned by a reader that reads text).
 * No drawn barcode: the major mail clients strip inline SVG and data-URI
 * images, and a hosted image would put a public URL per sale in every mail
 * (docs/approvals.md, "Receipts"). Pure.
 */
export function renderReceiptEmail(data: ReceiptData): { subject: string; text: string; html: string } {
  const text = renderReceiptText(data);
  const subject = `Your receipt ${data.saleNumber} from ${data.header.tenantName}: ${data.currency} ${data.totalAmount}`;
  const html = [
    '<!doctype html><html><body>',
    `<p>Thank you for shopping at ${escapeHtml(data.header.tenantName)}.</p>`,
    `<pre style="font-family: monospace; font-size: 13px">${escapeHtml(text)}</pre>`,
    `<p style="font-family: monospace; font-size: 24px; letter-spacing: 2px">${escapeHtml(`*${data.saleNumber}*`)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
