import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Stable id so a retried job sends the same message (and overwrites the same .eml). */
  messageId: string;
}

export interface MailResult {
  /** Where it went: the SMTP server's reply, or the .eml file written. */
  delivery: string;
}

const FROM = process.env.MAIL_FROM ?? 'POS <no-reply@pos.local>';

/**
 * Sends mail with nodemailer: to SMTP_URL when set, otherwise into
 * `<dataDir>/outbox/<messageId>.eml`, so development needs no mail server.
 */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly outboxDir: string,
  ) {
    this.transport = smtpUrl
      ? nodemailer.createTransport(smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: MailMessage): Promise<MailResult> {
    const info = await this.transport.sendMail({
      from: FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${message.messageId}@pos.local>`,
    });
    if (this.smtpUrl) return { delivery: String(info.response) };
    await mkdir(this.outboxDir, { recursive: true });
    const file = path.join(this.outboxDir, `${message.messageId.replace(/[^\w.-]/g, '_')}.eml`);
    await writeFile(file, (info as unknown as { message: Buffer }).message);
    return { delivery: file };
  }

  close(): void {
    this.transport.close();
  }
}
