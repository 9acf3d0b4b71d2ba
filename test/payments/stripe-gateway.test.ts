import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { setTimeout as sleep } from 'node:timers/promises';
import { complete, CREATE_REFUND, pay, payOk, SALE, VOID_SALE } from '../checkout/checkout-support';
import { registerTenant, userWithRole } from '../support/fixtures';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { cartOfTens, CONFIGURE_GATEWAY, encryptedRow, GATEWAY_ACCOUNTS, paymentRow } from './gateway-test-support';

/** The Stripe Terminal adapter through GraphQL, the SDK pointed at a local fake of the Stripe API. */
describe('Stripe gateway (card present)', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let fx: PosFixture;
  const webhookSecret = `whsec_${randomUUID().replace(/-/g, '')}`;
  beforeAll(async () => {
    fake = await startFakeStripe();
    t = await startTestApp({ jobs: true, env: { STRIPE_API_URL: fake.url, READER_POLL_MS: '20' } });
    fx = await setupPos(t, { products: [{ sku: 'TEN', price: '10.00', stock: 100 }] });
    await t.ok(
      CONFIGURE_GATEWAY,
      { input: { provider: 'STRIPE', methods: ['CARD'], apiKey: fake.apiKey, webhookSecret, readerId: fake.readerId } },
      fx.ownerToken,
    );
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const cartOf = (tens: number) => cartOfTens(t, fx, tens);
  const callsTo = (path: string) => fake.calls.filter((c) => c.method === 'POST' && c.path === path);

  it('stores the keys encrypted, and no API field returns them', async () => {
    const row = await encryptedRow(t, 'STRIPE');
    expect(row.encrypted_credentials).toMatch(/^v1:/);
    expect(row.encrypted_credentials).not.toContain(fake.apiKey);
    expect(row.encrypted_credentials).not.toContain(webhookSecret);
    const accounts = (await t.ok(GATEWAY_ACCOUNTS, {}, fx.ownerToken)).paymentGatewayAccounts;
    expect(accounts).toEqual([
      {
        provider: 'STRIPE',
        readerId: fake.readerId,
        locationId: null,
        hasCredentials: true,
        updatedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(accounts)).not.toContain(fake.apiKey);
    // No output type of the schema has a field that could carry a key.
    const schema = await t.ok('{ __schema { types { name kind fields { name } } } }');
    const outputFields = schema.__schema.types
      .filter((type: any) => type.kind === 'OBJECT' && !type.name.startsWith('__'))
      .filter((type: any) => !['Query', 'Mutation', 'Subscription'].includes(type.name))
      .flatMap((type: any) => type.fields.map((f: any) => `${type.name}.${f.name}`));
    const keyLike = outputFields.filter((f: string) => /apikey|secret|accesstoken|encrypted|signaturekey/i.test(f));
    // A webhook endpoint's own signing secret (our outgoing webhooks) is shown once by design; nothing else.
    // (and when the previous one of a rotation stops signing: a time, not a key).
    const shownByDesign = (f: string) =>
      f.startsWith('WebhookEndpointWithSecret.') || f === 'WebhookEndpoint.previousSecretExpiresAt';
    expect(keyLike.filter((f: string) => !shownByDesign(f))).toEqual([]);
    expect(outputFields).toContain('PaymentGatewayAccount.hasCredentials');
    // The configuration is audited, without the keys.
    const audit = await t.sql<{ data: { provider: string } }>(
      `select data from audit_events where type = 'payment_gateway.configured'`,
    );
    expect(audit.map((row) => row.data.provider)).toContain('STRIPE');
    expect(JSON.stringify(audit)).not.toContain(fake.apiKey);
    expect(JSON.stringify(audit)).not.toContain(webhookSecret);
  });

  it('configuring a gateway is OWNER only (tenant:settings) and its input is bounded', async () => {
    const manager = await userWithRole(t, fx.tenant, 'MANAGER');
    const input = { provider: 'STRIPE', methods: ['CARD'] };
    expect(codeOf(await t.gql(CONFIGURE_GATEWAY, { input }, manager.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CONFIGURE_GATEWAY, { input }, fx.cashier.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CONFIGURE_GATEWAY, { input: { ...input, methods: [] } }, fx.ownerToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(await t.gql(CONFIGURE_GATEWAY, { input: { ...input, apiKey: 'x'.repeat(501) } }, fx.ownerToken)),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CONFIGURE_GATEWAY, { input: { ...input, provider: 'ACME' } }, fx.ownerToken))).toBe(
      'BAD_USER_INPUT',
    );
    // Another tenant sees none of this tenant's accounts, and its own first configuration needs keys.
    const other = await registerTenant(t);
    expect((await t.ok(GATEWAY_ACCOUNTS, {}, other.ownerToken)).paymentGatewayAccounts).toEqual([]);
    expect(codeOf(await t.gql(CONFIGURE_GATEWAY, { input }, other.ownerToken))).toBe('BAD_USER_INPUT');
  });

  it('an approved card sale completes with the PaymentIntent as its reference, captured at Stripe', async () => {
    const cart = await cartOf(2);
    const key = randomUUID();
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'reader', idempotencyKey: key });
    const sale = await complete(t, fx.cashier.token, cart.id);
    expect(sale.status).toBe('COMPLETED');
    const payment = await paymentRow(t, cart.id);
    expect(payment).toMatchObject({ status: 'COMPLETED', gateway: 'STRIPE', amount: '20.0000' });
    expect(payment.transaction_ref).toMatch(/^pi_/);
    const intent = fake.intents.get(payment.transaction_ref)!;
    expect(intent).toMatchObject({ status: 'succeeded', amount: 2000, currency: 'usd', capture_method: 'manual' });
    expect(intent.allowed_payment_method_types).toEqual(['card_present']);
    // Our idempotency keys went through to Stripe.
    const created = callsTo('/v1/payment_intents').find(
      (c) => c.params['metadata[pos_idempotency_key]'] === `addPayment:${key}`,
    );
    expect(created?.idempotencyKey).toBe(`addPayment:${key}`);
    expect(callsTo(`/v1/payment_intents/${intent.id}/capture`)[0]).toMatchObject({
      idempotencyKey: `capture:${key}`,
      params: { amount_to_capture: '2000' },
    });
    expect(callsTo(`/v1/terminal/readers/${fake.readerId}/process_payment_intent`).pop()?.params).toEqual({
      payment_intent: intent.id,
    });
  });

  it('a declined card leaves a FAILED payment with the decline code and the sale open', async () => {
    const cart = await cartOf(1);
    const res = await pay(t, fx.cashier.token, {
      saleId: cart.id,
      method: 'CARD',
      amount: '0.05',
      reference: 'reader',
    });
    expect(codeOf(res)).toBe('PAYMENT_DECLINED');
    expect(res.errors![0].extensions!.reason).toBe('generic_decline');
    const payment = await paymentRow(t, cart.id);
    expect(payment).toMatchObject({ status: 'FAILED', failure_reason: 'generic_decline', gateway: 'STRIPE' });
    expect(fake.intents.get(payment.transaction_ref)!.status).toBe('requires_payment_method');
    const sale = (await t.ok(SALE, { id: cart.id }, fx.cashier.token)).sale;
    expect(sale).toMatchObject({ status: 'PENDING', paidAmount: '0.00' });
  });

  it('a refund reaches Stripe with its key and amount; a void of a captured payment refunds it there', async () => {
    const cart = await cartOf(3);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'reader' });
    await complete(t, fx.cashier.token, cart.id);
    const { transaction_ref: intentId } = await paymentRow(t, cart.id);
    const key = randomUUID();
    const input = { saleId: cart.id, amount: '12.34', method: 'CARD', reason: 'damaged', idempotencyKey: key };
    const refund = (await t.ok(CREATE_REFUND, { input }, fx.cashier.token)).createRefund;
    expect(refund).toMatchObject({ amount: '12.34', transactionRef: intentId });
    const sent = callsTo('/v1/refunds').filter((c) => c.params.payment_intent === intentId);
    expect(sent).toHaveLength(1);
    expect(sent[0].params.amount).toBe('1234');
    expect(sent[0].idempotencyKey).toMatch(new RegExp(`^createRefund:${key}:`));

    const open = await cartOf(1);
    await payOk(t, fx.cashier.token, { saleId: open.id, method: 'CARD', amount: '4.00', reference: 'reader' });
    const openRef = (await paymentRow(t, open.id)).transaction_ref;
    const voided = (await t.ok(VOID_SALE, { input: { saleId: open.id, reason: 'customer left' } }, fx.ownerToken))
      .voidSale;
    expect(voided.status).toBe('VOIDED');
    const reversal = callsTo('/v1/refunds').filter((c) => c.params.payment_intent === openRef);
    expect(reversal).toHaveLength(1);
    expect(reversal[0].params.amount).toBeUndefined(); // the whole capture
  });

  it('a reader that never answers times out; the job looks the intent up and cancels it at Stripe', async () => {
    const cart = await cartOf(1);
    fake.readerHangs = true;
    try {
      const res = await pay(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'reader' });
      expect(codeOf(res)).toBe('PAYMENT_DECLINED');
      expect(res.errors![0].extensions!.reason).toBe('timeout');
    } finally {
      fake.readerHangs = false;
    }
    let row = await paymentRow(t, cart.id);
    expect(row).toMatchObject({ status: 'FAILED', failure_reason: 'timeout' });
    for (let i = 0; i < 60 && !row.gateway_response.void; i++) {
      await sleep(500);
      row = await paymentRow(t, cart.id);
    }
    expect(row.status).toBe('FAILED');
    expect(row.transaction_ref).toMatch(/^pi_/);
    expect(row.gateway_response.void).toMatchObject({ id: row.transaction_ref, status: 'canceled' });
    expect(fake.intents.get(row.transaction_ref)!.status).toBe('canceled');
    expect(fake.calls.some((c) => c.path === '/v1/payment_intents/search')).toBe(true);
  }, 60_000);

  it('a webhook with a bad signature is refused (400); a good one is applied once even when delivered twice', async () => {
    const cart = await cartOf(1);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: 'reader' });
    const { transaction_ref: intentId } = await paymentRow(t, cart.id);
    const payload = JSON.stringify({
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      type: 'payment_intent.succeeded',
      data: { object: fake.intents.get(intentId) },
    });
    const deliver = (signature: string, body = payload) =>
      fetch(t.url.replace(/\/graphql$/, '/webhooks/stripe'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
      });
    const forged = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_tenants_secret' });
    expect((await deliver(forged)).status).toBe(400);
    const signed = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    expect((await deliver(signed, payload.replace('"succeeded"', '"canceled"'))).status).toBe(400); // tampered body
    expect((await paymentRow(t, cart.id)).gateway_response.providerEvents).toBeUndefined();

    const first = await deliver(signed);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: 'applied' });
    const again = await deliver(signed);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' });
    const row = await paymentRow(t, cart.id);
    expect(row.gateway_response.providerEvents).toEqual([
      { id: JSON.parse(payload).id, type: 'payment_intent.succeeded', kind: 'payment.succeeded', status: 'succeeded' },
    ]);
    expect(row.status).toBe('COMPLETED');
  });
});
