import { createHash } from 'node:crypto';
import type { AppServices } from '../services';
import type { Mailer } from '../services/core/mailer';
import { renderReceiptEmail } from '../services/sales/receipts/render-email';
import { jobContext } from './job-context';

export interface ReceiptEmailJob {
  tenantId: string;
  saleId: string;
  email: string;
}

/**
 * `send-receipt-email`: builds the sale's receipt from the database (as it
 * is now: a voided or refunded sale's receipt says so) and mails it as text +
 * HTML to SMTP_URL, or into the outbox as an .eml file. The Message-ID is
 * fixed per (sale, address), so a retry after a lost SMTP answer repeats the
 * same message (mail clients fold duplicates; the .eml is overwritten).
 */
export async function sendReceiptEmail(services: AppServices, mailer: Mailer, data: ReceiptEmailJob): Promise<void> {
  const ctx = jobContext(services, 'send-receipt-email', data.tenantId);
  const receipt = await services.receipts.build(ctx, data.saleId);
  const { subject, text, html } = renderReceiptEmail(receipt);
  const addressHash = createHash('sha256').update(data.email).digest('hex').slice(0, 12);
  await mailer.send({ to: data.email, subject, text, html, messageId: `receipt-${data.saleId}-${addressHash}` });
}
