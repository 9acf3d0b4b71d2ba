import type { ReceiptData } from '../../../receipt/receipt-data';
import { renderReceiptText } from '../../../receipt/render-text';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A receipt as an email: the same 42-column text as the printed one (so the
 * figures can never differ), and an HTML part showing that text in a
 * monospaced block. Pure.
 */
export function renderReceiptEmail(data: ReceiptData): { subject: string; text: string; html: string } {
  const text = renderReceiptText(data);
  const subject = `Your receipt ${data.saleNumber} from ${data.header.tenantName}: ${data.currency} ${data.totalAmount}`;
  const html = [
    '<!doctype html><html><body>',
    `<p>Thank you for shopping at ${escapeHtml(data.header.tenantName)}.</p>`,
    `<pre style="font-family: monospace; font-size: 13px">${escapeHtml(text)}</pre>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
