import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Mailer } from '../../src/services/core/mailer';
import { startSmtpSink } from '../support/smtp-sink';

describe('Mailer', () => {
  it('delivers text and HTML to a real SMTP server', async () => {
    const sink = await startSmtpSink();
    const mailer = new Mailer(sink.url, '/nonexistent');
    try {
      const result = await mailer.send({
        to: 'a@b.test',
        subject: 'Receipt POS-001-000001',
        text: 'Total 63.72',
        html: '<b>Total 63.72</b>',
        messageId: 'receipt-1',
      });
      expect(result.delivery).toMatch(/^250/);
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0].subject).toBe('Receipt POS-001-000001');
      expect(sink.messages[0].text?.trim()).toBe('Total 63.72');
      expect(sink.messages[0].html).toContain('<b>Total 63.72</b>');
      expect(sink.messages[0].messageId).toBe('<receipt-1@pos.local>');
    } finally {
      mailer.close();
      await sink.close();
    }
  });

  it('writes an .eml file to the outbox when no SMTP server is configured, once per message id', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outbox-'));
    const mailer = new Mailer(undefined, dir);
    try {
      const first = await mailer.send({ to: 'a@b.test', subject: 'Hello', text: 'Body text', messageId: 'm/1' });
      const again = await mailer.send({ to: 'a@b.test', subject: 'Hello', text: 'Body text', messageId: 'm/1' });
      expect(again.delivery).toBe(first.delivery);
      expect(path.basename(first.delivery)).toBe('m_1.eml');
      const eml = readFileSync(first.delivery, 'utf8');
      expect(eml).toContain('Subject: Hello');
      expect(eml).toContain('Body text');
    } finally {
      mailer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
