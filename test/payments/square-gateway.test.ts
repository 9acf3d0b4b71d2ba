import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { complete, CREATE_REFUND, pay, payOk, SALE, VOID_SALE } from '../checkout/checkout-support';
import { FakeSquare, startFakeSquare } from '../support/fake-square';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { cartOfTens, CONFIGURE_GATEWAY, encryptedRow, paymentRow } from './gateway-test-support';

/** The Square Terminal adapter through GraphQL, the SDK pointed at a local fake of the Square API. */
describe('Square gateway (Terminal checkouts)', () => {
  let fake: FakeSquare;
  let t: TestApp;
  let fx: PosFixture;
  const signatureKey = `sig_${randomUUID()}`;
  beforeAll(async () => {
    fake = await startFakeSquare();
    t = await startTestApp({ jobs: true, env: { SQUARE_API_URL: fake.url, READER_POLL_MS: '20' } });
    fx = await setupPos(t, { products: [{ sku: 'TEN', price: '10.00', stock: 100 }] });
    const input = {
      provider: 'SQUARE',
      methods: ['CARD', 'MOBILE_WALLET'],
      apiKey: fake.accessToken,
      webhookSecret: signatureKey,
      readerId: fake.deviceId,
      locationId: fake.locationId,
    };
    const tenant = (await t.ok(CONFIGURE_GATEWAY, { input }, fx.ownerToken)).configurePaymentGateway;
    expect(tenant).toMatchObject({ paymentGateway: 'SQUARE', walletPaymentGateway: 'SQUARE' });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const cartOf = (tens: number) => cartOfTens(t, fx, tens);
  const posts = (path: string) => fake.calls.filter((c) => c.method === 'POST' && c.path === path);

  it('keeps the access token and signature key encrypted', async () => {
    const row = await encryptedRow(t, 'SQUARE');
    expect(row.encrypted_credentials).not.toContain(fake.accessToken);
    expect(row.encrypted_credentials).not.toContain(signatureKey);
  });

  it('an approved card sale completes with the Square payment as its reference, completed at Square', async () => {
    const cart = await cartOf(2);
    const key = randomUUID();
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'terminal', idempotencyKey: key });
    expect((await complete(t, fx.cashier.token, cart.id)).status).toBe('COMPLETED');
    const payment = await paymentRow(t, cart.id);
    expect(payment).toMatchObject({ status: 'COMPLETED', gateway: 'SQUARE', amount: '20.0000' });
    expect(fake.payments.get(payment.transaction_ref)).toMatchObject({
      status: 'COMPLETED',
      amount_money: { amount: 2000 },
    });
    const created = posts('/v2/terminals/checkouts').find((c) => c.body.idempotency_key === `addPayment:${key}`);
    expect(created?.body.checkout).toMatchObject({
      amount_money: { amount: 2000, currency: 'USD' },
      device_options: { device_id: fake.deviceId },
      payment_options: { autocomplete: false },
    });
    expect(posts(`/v2/payments/${payment.transaction_ref}/complete`)).toHaveLength(1);
  });

  it('a checkout the buyer gives up on leaves a FAILED payment and the sale open', async () => {
    const cart = await cartOf(1);
    const res = await pay(t, fx.cashier.token, {
      saleId: cart.id,
      method: 'MOBILE_WALLET',
      amount: '0.05',
      reference: 'terminal',
    });
    expect(codeOf(res)).toBe('PAYMENT_DECLINED');
    expect(res.errors![0].extensions!.reason).toBe('buyer_canceled');
    expect(await paymentRow(t, cart.id)).toMatchObject({
      status: 'FAILED',
      failure_reason: 'buyer_canceled',
      gateway: 'SQUARE',
    });
    expect((await t.ok(SALE, { id: cart.id }, fx.cashier.token)).sale).toMatchObject({
      status: 'PENDING',
      paidAmount: '0.00',
    });
  });

  it('a refund reaches Square with a key within its limit; a void of a captured payment refunds it in full there', async () => {
    const cart = await cartOf(3);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'terminal' });
    await complete(t, fx.cashier.token, cart.id);
    const paymentId = (await paymentRow(t, cart.id)).transaction_ref;
    const input = { saleId: cart.id, amount: '12.34', method: 'CARD', reason: 'damaged', idempotencyKey: randomUUID() };
    await t.ok(CREATE_REFUND, { input }, fx.cashier.token);
    await t.ok(CREATE_REFUND, { input }, fx.cashier.token); // a retry refunds once
    const sent = posts('/v2/refunds').filter((c) => c.body.payment_id === paymentId);
    expect(sent.map((c) => c.body.amount_money)).toEqual([{ amount: 1234, currency: 'USD' }]);
    expect(sent[0].body.idempotency_key.length).toBeLessThanOrEqual(45);
    expect(fake.payments.get(paymentId)!.refunded_money.amount).toBe(1234);

    const open = await cartOf(1);
    await payOk(t, fx.cashier.token, { saleId: open.id, method: 'CARD', amount: '4.00', reference: 'terminal' });
    const openRef = (await paymentRow(t, open.id)).transaction_ref;
    await t.ok(VOID_SALE, { input: { saleId: open.id, reason: 'customer left' } }, fx.ownerToken);
    // Captured at once by the checkout flow, so the void is a full refund at Square.
    expect(
      posts('/v2/refunds')
        .filter((c) => c.body.payment_id === openRef)
        .map((c) => c.body.amount_money),
    ).toEqual([{ amount: 400, currency: 'USD' }]);
  });

  it('a terminal that never answers times out; the job finds the checkout and cancels it at Square', async () => {
    const cart = await cartOf(1);
    fake.terminalHangs = true;
    try {
      const res = await pay(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'terminal' });
      expect(res.errors![0].extensions!.reason).toBe('timeout');
    } finally {
      fake.terminalHangs = false;
    }
    let row = await paymentRow(t, cart.id);
    for (let i = 0; i < 60 && !row.gateway_response.void; i++) {
      await sleep(500);
      row = await paymentRow(t, cart.id);
    }
    expect(row.status).toBe('FAILED');
    expect(row.gateway_response.void).toMatchObject({ object: 'terminal_checkout', status: 'CANCELED' });
    const checkout = fake.checkouts.get(row.gateway_response.void.id)!;
    expect(checkout).toMatchObject({ status: 'CANCELED', cancel_reason: 'SELLER_CANCELED' });
    expect(posts('/v2/terminals/checkouts/search').length).toBeGreaterThan(0);
  }, 60_000);

  it('a webhook with a bad signature is refused (400); a good one is applied once even when delivered twice', async () => {
    const cart = await cartOf(1);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'terminal' });
    const paymentId = (await paymentRow(t, cart.id)).transaction_ref;
    const url = t.url.replace(/\/graphql$/, '/webhooks/square');
    const body = JSON.stringify({
      merchant_id: 'MLTEST',
      type: 'payment.updated',
      event_id: randomUUID(),
      created_at: new Date().toISOString(),
      data: { type: 'payment', id: paymentId, object: { payment: fake.payments.get(paymentId) } },
    });
    // Square's documented scheme: base64 HMAC-SHA256 of notification URL + body, keyed by the signature key.
    const sign = (key: string) =>
      createHmac('sha256', key)
        .update(url + body)
        .digest('base64');
    const deliver = (signature: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-square-hmacsha256-signature': signature },
        body,
      });
    expect((await deliver(sign('not-the-key'))).status).toBe(400);
    expect(await (await deliver(sign(signatureKey))).json()).toEqual({ received: true, outcome: 'applied' });
    expect(await (await deliver(sign(signatureKey))).json()).toEqual({ received: true, outcome: 'duplicate' });
    const row = await paymentRow(t, cart.id);
    expect(row.gateway_response.providerEvents).toEqual([
      { id: JSON.parse(body).event_id, type: 'payment.updated', kind: 'payment.succeeded', status: 'COMPLETED' },
    ]);
  });
});
