import { jobContext } from '../../src/jobs/job-context';
import { inTransaction } from '../../src/services/core/transaction';
import { MAX_RECORDED_ATTEMPTS } from '../../src/services/webhooks/delivery-worker';
import { emitWebhookEvent } from '../../src/services/webhooks/emit-event';
import { cashSale } from '../checkout/checkout-support';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  createEndpoint,
  DELIVERIES,
  documentedVerifier,
  Receiver,
  REDELIVER,
  ROTATE_SECRET,
  sleep,
  startReceiver,
  waitFor,
} from './support';

let t: TestApp;
let receiver: Receiver;
let fx: PosFixture;
const verify = documentedVerifier();

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestApp({
    jobs: true,
    env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_SECONDS: '0.2', WEBHOOK_CONCURRENCY: '3' },
  });
  fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.50', taxRate: '0.08' }] });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

describe('webhook delivery to a real receiver', () => {
  it('delivers a completed sale once, signed so the documented recipe verifies it (and fails with a wrong secret)', async () => {
    const { secret, endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/sales'), ['sale.completed']);
    const sale = await cashSale(t, fx, { MUG: 2 });
    const [hit] = await waitFor(() => (receiver.at('/sales').length ? receiver.at('/sales') : undefined));
    const body = JSON.parse(hit.body);
    expect(body).toMatchObject({ type: 'sale.completed', tenantId: expect.any(String) });
    expect(body.data).toMatchObject({
      id: sale.id,
      saleNumber: sale.saleNumber,
      status: 'COMPLETED',
      totalAmount: '27.00',
    });
    expect(body.data.items).toEqual([
      expect.objectContaining({
        productSku: 'MUG',
        quantity: 2,
        unitPrice: '12.50',
        lineTotal: '27.00',
        unitCost: '1.00',
      }),
    ]);
    expect(body.data.payments).toEqual([
      expect.objectContaining({ method: 'CASH', amount: '27.00', status: 'COMPLETED' }),
    ]);
    expect(hit.headers['pos-event-id']).toBe(body.id);
    expect(hit.headers['pos-event-type']).toBe('sale.completed');
    const signature = hit.headers['pos-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(hit.body, signature, secret)).toBe(true);
    expect(verify(hit.body, signature, `${secret}x`)).toBe(false);
    expect(verify(hit.body.replace('27.00', '2.70'), signature, secret)).toBe(false);

    // Once: the delivery SUCCEEDED with one attempt and nothing else arrives.
    const deliveries = await waitFor(async () => {
      const data = await t.ok(DELIVERIES, { endpointId: endpoint.id }, fx.ownerToken);
      const node = data.webhookDeliveries.edges[0]?.node;
      return node?.status === 'SUCCEEDED' ? data.webhookDeliveries : undefined;
    });
    expect(deliveries.totalCount).toBe(1);
    expect(deliveries.edges[0].node.attempts).toEqual([
      { statusCode: 200, durationMs: expect.any(Number), responseExcerpt: 'answer 200' },
    ]);
    await sleep(1500);
    expect(receiver.at('/sales')).toHaveLength(1);
  });

  it('sends nothing for a mutation that rolled back', async () => {
    await createEndpoint(t, fx.ownerToken, receiver.url('/rollback'), ['sale.completed']);
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'MUG', 1);
    // Not paid: completeSale fails (PAYMENT_REQUIRED) after the event would have been written.
    const failed = await t.gql(
      'mutation($input: CompleteSaleInput!) { completeSale(input: $input) { id } }',
      { input: { saleId: cart.id } },
      fx.cashier.token,
    );
    expect(failed.errors?.[0].extensions?.code).toBe('PAYMENT_REQUIRED');
    await sleep(2000);
    expect(receiver.at('/rollback')).toHaveLength(0);
    const rows = await t.sql('select count(*)::int as n from webhook_events where body like ?', [`%${cart.id}%`]);
    expect(rows[0].n).toBe(0);
  });

  it('writes nothing (event, delivery, job) when the transaction that emitted the event rolls back', async () => {
    const { endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/boom'), ['product.updated']);
    const [{ tenant_id: tenantId }] = await t.sql('select tenant_id from webhook_endpoints where id = ?', [
      endpoint.id,
    ]);
    const ctx = jobContext(t.app.services, 'test', tenantId);
    const jobsBefore = await t.sql("select count(*)::int as n from pgboss.job where name = 'deliver-webhook'");
    await expect(
      inTransaction(ctx, async (tx) => {
        await emitWebhookEvent(tx, 'product.updated', () => ({ marker: 'rolled-back' }));
        // Written inside the transaction...
        const [{ n }] = await tx.em.execute('select count(*)::int as n from webhook_deliveries where endpoint_id = ?', [
          endpoint.id,
        ]);
        expect(n).toBe(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // ...and gone with it.
    expect(await t.sql("select 1 from webhook_events where body like '%rolled-back%'")).toHaveLength(0);
    expect(await t.sql('select 1 from webhook_deliveries where endpoint_id = ?', [endpoint.id])).toHaveLength(0);
    expect(await t.sql("select count(*)::int as n from pgboss.job where name = 'deliver-webhook'")).toEqual(jobsBefore);
    await sleep(1500);
    expect(receiver.at('/boom')).toHaveLength(0);
  });

  it('retries a receiver answering 500 three times and delivers on the 4th attempt with the same event id', async () => {
    const { endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/flaky'), ['sale.completed']);
    receiver.state.respond = (r, n) => (r.path === '/flaky' && n <= 3 ? 500 : 200);
    await cashSale(t, fx, { MUG: 1 });
    const hits = await waitFor(() => (receiver.at('/flaky').length >= 4 ? receiver.at('/flaky') : undefined), 60);
    expect(new Set(hits.map((h) => h.headers['pos-event-id'])).size).toBe(1);
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    const node = await waitFor(async () => {
      const data = await t.ok(DELIVERIES, { endpointId: endpoint.id }, fx.ownerToken);
      const n = data.webhookDeliveries.edges[0]?.node;
      return n?.status === 'SUCCEEDED' ? n : undefined;
    });
    expect(node.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(node.attempts[0].responseExcerpt).toBe('answer 500');
    receiver.state.respond = () => 200;

    // redeliverWebhook sends the same event again.
    await t.ok(REDELIVER, { deliveryId: node.id }, fx.ownerToken);
    const again = await waitFor(() => (receiver.at('/flaky').length >= 5 ? receiver.at('/flaky') : undefined));
    expect(again[4].headers['pos-event-id']).toBe(hits[0].headers['pos-event-id']);
  });

  it('keeps the last MAX_RECORDED_ATTEMPTS attempts when a long-failing delivery succeeds, and ends the failing run', async () => {
    const { endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/long'), ['sale.completed']);
    receiver.state.respond = (r) => (r.path === '/long' ? 500 : 200);
    await cashSale(t, fx, { MUG: 1 });
    await waitFor(() => (receiver.at('/long').length ? true : undefined));
    const seeded = Array.from({ length: MAX_RECORDED_ATTEMPTS }, (_, i) => ({
      at: new Date(Date.now() - 1000 * (MAX_RECORDED_ATTEMPTS - i)).toISOString(),
      statusCode: 503,
      durationMs: 1,
      responseExcerpt: `seeded ${i}`,
    }));
    // As if the endpoint had been failing for days: a full record of attempts.
    await t.sql('update webhook_deliveries set attempts = ?::jsonb where endpoint_id = ?', [
      JSON.stringify(seeded),
      endpoint.id,
    ]);
    receiver.state.respond = () => 200;
    // So many attempts put the next retry days away: the owner sends it again now.
    const [{ id: deliveryId }] = await t.sql('select id from webhook_deliveries where endpoint_id = ?', [endpoint.id]);
    await t.ok(REDELIVER, { deliveryId }, fx.ownerToken);
    const node = await waitFor(async () => {
      const data = await t.ok(DELIVERIES, { endpointId: endpoint.id }, fx.ownerToken);
      const n = data.webhookDeliveries.edges[0]?.node;
      return n?.status === 'SUCCEEDED' ? n : undefined;
    });
    expect(node.attempts).toHaveLength(MAX_RECORDED_ATTEMPTS);
    expect(node.attempts[MAX_RECORDED_ATTEMPTS - 1]).toMatchObject({ statusCode: 200, responseExcerpt: 'answer 200' });
    // The oldest seeded attempt (at least) made room for the success.
    expect(node.attempts.map((a: any) => a.responseExcerpt)).not.toContain('seeded 0');
    const [row] = await t.sql('select failing_since from webhook_endpoints where id = ?', [endpoint.id]);
    expect(row.failing_since).toBeNull();
  });

  it('signs with both secrets during a rotation, each verifying', async () => {
    const { secret: oldSecret, endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/rotate'), [
      'sale.completed',
    ]);
    const rotated = await t.ok(ROTATE_SECRET, { id: endpoint.id }, fx.ownerToken);
    const newSecret = rotated.rotateWebhookSecret.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(new Date(rotated.rotateWebhookSecret.endpoint.previousSecretExpiresAt).getTime()).toBeGreaterThan(
      Date.now(),
    );
    await cashSale(t, fx, { MUG: 1 });
    const [hit] = await waitFor(() => (receiver.at('/rotate').length ? receiver.at('/rotate') : undefined));
    const signature = hit.headers['pos-signature'] as string;
    expect(signature.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(verify(hit.body, signature, oldSecret)).toBe(true);
    expect(verify(hit.body, signature, newSecret)).toBe(true);

    // After the overlap only the new secret signs.
    await t.sql('update webhook_endpoints set previous_secret_expires_at = now() where id = ?', [endpoint.id]);
    await cashSale(t, fx, { MUG: 1 });
    const second = await waitFor(() => (receiver.at('/rotate').length >= 2 ? receiver.at('/rotate')[1] : undefined));
    const header = second.headers['pos-signature'] as string;
    expect(verify(second.body, header, newSecret)).toBe(true);
    expect(verify(second.body, header, oldSecret)).toBe(false);
  });

  it("never sends another tenant's sales to this tenant's endpoint", async () => {
    await createEndpoint(t, fx.ownerToken, receiver.url('/mine'), ['*']);
    const other = await setupPos(t, { products: [{ sku: 'TEA', price: '3.00' }] });
    const theirs = await cashSale(t, other, { TEA: 1 });
    const mine = await cashSale(t, fx, { MUG: 1 });
    await waitFor(() => (receiver.at('/mine').some((r) => r.body.includes(mine.id)) ? true : undefined));
    await sleep(1500);
    expect(receiver.at('/mine').some((r) => r.body.includes(theirs.id))).toBe(false);
    expect(
      receiver
        .at('/mine')
        .every((r) => JSON.parse(r.body).tenantId === JSON.parse(receiver.at('/mine')[0].body).tenantId),
    ).toBe(true);
  });

  it('one slow endpoint does not delay another', async () => {
    await createEndpoint(t, fx.ownerToken, receiver.url('/slow'), ['sale.completed']);
    await createEndpoint(t, fx.ownerToken, receiver.url('/fast'), ['sale.completed']);
    // Held just under the 10 s delivery timeout, so the slow answer is a success, only late.
    const slowMs = 9000;
    receiver.state.delayMs = (r) => (r.path === '/slow' ? slowMs : 0);
    const before = receiver.at('/fast').length;
    for (let i = 0; i < 2; i++) await cashSale(t, fx, { MUG: 1 });
    const fast = await waitFor(() =>
      receiver.at('/fast').length >= before + 2 ? receiver.at('/fast').slice(before) : undefined,
    );
    const slowFirst = await waitFor(() => receiver.at('/slow')[0]);
    // Both fast deliveries arrived while the slow endpoint was still holding its first answer.
    expect(Math.max(...fast.map((r) => r.at))).toBeLessThan(slowFirst.at + slowMs);
    receiver.state.delayMs = () => 0;
  });

  it('a worker sends the deliveries it fetched at once, not one after another', async () => {
    // 5 endpoints on one sale: 5 deliveries committed together, more than the 3 workers this app runs.
    const shop = await setupPos(t, { products: [{ sku: 'PEN', price: '1.00', taxRate: '0' }] });
    const paths = Array.from({ length: 5 }, (_, i) => `/burst-${i}`);
    for (const path of paths) await createEndpoint(t, shop.ownerToken, receiver.url(path), ['sale.completed']);
    // Every answer waits until all 5 requests are open at once (or 5 s pass, for the failure to show).
    let open = 0;
    let mostOpen = 0;
    let releaseAll!: () => void;
    const allOpen = new Promise<void>((resolve) => (releaseAll = resolve));
    receiver.state.hold = (r) => {
      if (!paths.includes(r.path)) return Promise.resolve();
      mostOpen = Math.max(mostOpen, ++open);
      if (open === paths.length) releaseAll();
      return Promise.race([allOpen, sleep(5000)]).then(() => void open--);
    };
    await cashSale(t, shop, { PEN: 1 });
    await waitFor(() => (paths.every((p) => receiver.at(p).length === 1) ? true : undefined));
    expect(mostOpen).toBe(paths.length);
    receiver.state.hold = () => Promise.resolve();
  });
});
