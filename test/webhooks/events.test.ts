import { randomUUID } from 'node:crypto';
import { cashSale, CREATE_REFUND, VOID_SALE } from '../checkout/checkout-support';
import { ADJUST } from '../inventory/inventory-fixtures';
import { CLOSE_SESSION, OPEN_SESSION, RECORD_CASH_MOVEMENT } from '../support/operations';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import {
  createEndpoint,
  DELIVERIES,
  ENDPOINTS,
  Receiver,
  REDELIVER,
  startReceiver,
  UPDATE_ENDPOINT,
  waitFor,
} from './support';

const UPDATE_PRODUCT = /* GraphQL */ `
  mutation WebhookUpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
    }
  }
`;

let t: TestApp;
let receiver: Receiver;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let fx: PosFixture;

beforeAll(async () => {
  receiver = await startReceiver();
  sink = await startSmtpSink();
  t = await startTestApp({
    jobs: true,
    env: {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_SECONDS: '0.2',
      WEBHOOK_DISABLE_AFTER_SECONDS: '1',
      SMTP_URL: sink.url,
    },
  });
  fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.50', taxRate: '0.08' }] });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
  await sink.close();
});

const bodiesAt = (path: string) => receiver.at(path).map((r) => JSON.parse(r.body));

describe('the event catalogue', () => {
  it('sends every type to a * endpoint with the object as the API shows it', async () => {
    await createEndpoint(t, fx.ownerToken, receiver.url('/all'), ['*']);
    const mug = fx.products.MUG.id;
    await t.ok(UPDATE_PRODUCT, { id: mug, input: { price: '13.00' } }, fx.ownerToken);
    await t.ok(
      ADJUST,
      { input: { locationId: fx.locationId, productId: mug, quantity: -2, reason: 'breakage' } },
      fx.ownerToken,
    );
    await t.ok(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: fx.sessionId, type: 'PAY_OUT', amount: '20.00', reason: 'courier' } },
      fx.cashier.token,
    );
    const sale = await cashSale(t, fx, { MUG: 2 });
    const refund = await t.ok(
      CREATE_REFUND,
      {
        input: {
          saleId: sale.id,
          items: [{ saleItemId: sale.items[0].id, quantity: 1 }],
          method: 'CASH',
          reason: 'chipped',
          sessionId: fx.sessionId,
          idempotencyKey: randomUUID(),
        },
      },
      fx.ownerToken,
    );
    const voided = await cashSale(t, fx, { MUG: 1 });
    await t.ok(VOID_SALE, { input: { saleId: voided.id, reason: 'wrong till' } }, fx.ownerToken);
    await t.ok(CLOSE_SESSION, { input: { sessionId: fx.sessionId, closingBalance: '0.00' } }, fx.ownerToken);
    const reopened = await t.ok(
      OPEN_SESSION,
      { input: { terminalId: fx.terminalId, openingBalance: '50.00' } },
      fx.ownerToken,
    );

    const byType = await waitFor(() => {
      const bodies = bodiesAt('/all');
      if (bodies.length < 9) return undefined;
      const groups: Record<string, any[]> = {};
      for (const body of bodies) (groups[body.type] ??= []).push(body);
      return groups;
    });
    expect(Object.keys(byType).sort()).toEqual([
      'cash_movement.recorded',
      'product.updated',
      'refund.created',
      'sale.completed',
      'sale.voided',
      'session.closed',
      'session.opened',
      'stock.adjusted',
    ]);
    expect(byType['product.updated']![0].data).toMatchObject({ id: mug, sku: 'MUG', price: '13.00', taxRate: '0.08' });
    expect(byType['stock.adjusted']![0].data).toMatchObject({
      productId: mug,
      quantity: -2,
      type: 'ADJUSTMENT',
      reason: 'breakage',
      unitCost: '1.00',
    });
    expect(byType['cash_movement.recorded']![0].data).toMatchObject({
      type: 'PAY_OUT',
      amount: '20.00',
      sessionId: fx.sessionId,
    });
    expect(byType['sale.completed']!.map((b: any) => b.data.id).sort()).toEqual([sale.id, voided.id].sort());
    expect(byType['refund.created']![0].data).toMatchObject({
      id: refund.createRefund.id,
      refundNumber: refund.createRefund.refundNumber,
      saleId: sale.id,
      amount: refund.createRefund.amount,
      items: [{ saleItemId: sale.items[0].id, quantity: 1, amount: refund.createRefund.amount, returnToStock: true }],
    });
    expect(byType['sale.voided']![0].data).toMatchObject({ id: voided.id, status: 'VOIDED', voidReason: 'wrong till' });
    expect(byType['sale.voided']![0].data.payments[0]).toMatchObject({ method: 'CASH', status: 'REFUNDED' });
    expect(byType['session.closed']![0].data).toMatchObject({
      id: fx.sessionId,
      status: 'CLOSED',
      closingBalance: '0.00',
      terminalId: fx.terminalId,
    });
    expect(byType['session.opened']![0].data).toMatchObject({
      id: reopened.openSession.id,
      openingBalance: '50.00',
      status: 'OPEN',
    });
    fx.sessionId = reopened.openSession.id;
  });

  it('only sends the types an endpoint subscribed to', async () => {
    await createEndpoint(t, fx.ownerToken, receiver.url('/refunds-only'), ['refund.created']);
    await cashSale(t, fx, { MUG: 1 });
    await waitFor(() => (bodiesAt('/all').filter((b) => b.type === 'sale.completed').length >= 3 ? true : undefined));
    expect(receiver.at('/refunds-only')).toHaveLength(0);
  });
});

describe('an endpoint that keeps failing', () => {
  it('is disabled after the configured time, its owner mailed; redelivery needs it enabled again', async () => {
    receiver.state.respond = (r) => (r.path === '/down' ? 503 : 200);
    const { endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/down'), ['sale.completed']);
    await cashSale(t, fx, { MUG: 1 });
    const disabled = await waitFor(async () => {
      const data = await t.ok(ENDPOINTS, {}, fx.ownerToken);
      const found = data.webhookEndpoints.find((e: any) => e.id === endpoint.id);
      return found.isActive ? undefined : found;
    });
    expect(disabled.isActive).toBe(false);
    const mail = await waitFor(() => sink.messages.find((m) => m.subject === 'A webhook endpoint was disabled'));
    expect(mail.text).toContain(receiver.url('/down'));
    expect(JSON.stringify(mail.to)).toContain(fx.tenant.ownerEmail);
    const audit = await t.sql<{ actor_id: string | null }>(
      `select actor_id from audit_events where type = 'webhook.endpoint_disabled' and subject_id = ?`,
      [endpoint.id],
    );
    expect(audit).toEqual([{ actor_id: null }]);

    const deliveries = await t.ok(DELIVERIES, { endpointId: endpoint.id, status: 'FAILED' }, fx.ownerToken);
    expect(deliveries.webhookDeliveries.totalCount).toBe(1);
    const delivery = deliveries.webhookDeliveries.edges[0].node;
    expect(delivery.attempts.length).toBeGreaterThanOrEqual(2);
    expect(delivery.attempts.every((a: any) => a.statusCode === 503)).toBe(true);

    // Sales while disabled send nothing to it.
    const tries = receiver.at('/down').length;
    await cashSale(t, fx, { MUG: 1 });
    const refused = await t.gql(REDELIVER, { deliveryId: delivery.id }, fx.ownerToken);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    receiver.state.respond = () => 200;
    await t.ok(UPDATE_ENDPOINT, { input: { id: endpoint.id, isActive: true } }, fx.ownerToken);
    await t.ok(REDELIVER, { deliveryId: delivery.id }, fx.ownerToken);
    await waitFor(async () => {
      const data = await t.ok(DELIVERIES, { endpointId: endpoint.id, status: 'SUCCEEDED' }, fx.ownerToken);
      return data.webhookDeliveries.totalCount === 1 ? true : undefined;
    });
    expect(receiver.at('/down')).toHaveLength(tries + 1);
  });
});
