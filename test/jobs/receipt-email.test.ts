import { complete, payOk } from '../checkout/checkout-support';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { CREATE_CUSTOMER } from '../support/operations';
import { startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let fx: PosFixture;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ jobs: true, env: { SMTP_URL: sink.url } });
  fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.50', taxRate: '0.08' }] });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${seconds}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('send-receipt-email over real SMTP', () => {
  it('delivers the receipt of a completed sale (text + HTML) holding its number and total', async () => {
    const customer = await t.ok(CREATE_CUSTOMER, { input: { name: 'Ada', email: 'ada@example.test' } }, fx.ownerToken);
    const cart = await newCart(t, fx, { customerId: customer.createCustomer.id });
    await addItem(t, fx, cart.id, 'MUG', 2);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '50.00' });
    const sale = await complete(t, fx.cashier.token, cart.id);
    expect(sale.totalAmount).toBe('27.00');

    const mail = await waitFor(() => sink.messages.find((m) => m.text?.includes(sale.saleNumber)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ada@example.test');
    expect(mail.subject).toContain(sale.saleNumber);
    expect(mail.text).toContain(sale.saleNumber);
    expect(mail.text).toMatch(/TOTAL USD\s+27\.00/);
    expect(mail.html).toContain(sale.saleNumber);
    expect(mail.html).toContain('27.00');
    // The number under the printed barcode, in both parts; the HTML also on its own large monospaced line.
    expect(mail.text).toContain(`*${sale.saleNumber}*`);
    expect(mail.html).toContain(
      `<p style="font-family: monospace; font-size: 24px; letter-spacing: 2px">*${sale.saleNumber}*</p>`,
    );

    // the same completion enqueued the daily summary: today's row at the store holds the sale
    const row = await waitFor(async () => {
      const [r] = await t.sql<{ total_sales: number; total_revenue: string; cash_total: string }>(
        'select total_sales, total_revenue::text, cash_total::text from daily_sales_summaries where location_id = ?',
        [fx.locationId],
      );
      return r;
    });
    expect(row).toEqual({ total_sales: 1, total_revenue: '27.0000', cash_total: '27.0000' });
  });
});
