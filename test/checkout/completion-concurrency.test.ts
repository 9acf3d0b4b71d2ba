import { randomUUID } from 'node:crypto';
import { addItem, newCart, PosFixture, setupPos, stockOf } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { saleCompletedTopic } from '../../src/services/sales/checkout/sale-events';
import { COMPLETE_SALE, complete, payOk, SALE } from './checkout-support';

describe('checkout: completion under concurrency', () => {
  let t: TestApp;
  let fx: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      products: [
        { sku: 'P', price: '2.50', stock: 100 },
        { sku: 'LAST', price: '1.00', stock: 1 },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function paidCart(sku = 'P', quantity = 2) {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, sku, quantity);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH' });
    return cart.id as string;
  }

  const numberOf = (n: number) => `${fx.terminalCode}-${String(n).padStart(6, '0')}`;

  it('the same completeSale sent 10 times at once with one key uses one number and moves stock once', async () => {
    const saleId = await paidCart('P', 3);
    const before = await stockOf(t, fx.ownerToken, fx.locationId, fx.products.P.id);
    const idempotencyKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.ok(COMPLETE_SALE, { input: { saleId, idempotencyKey } }, fx.cashier.token)),
    );
    expect(new Set(results.map((r) => r.completeSale.saleNumber))).toEqual(new Set([numberOf(1)]));
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.P.id)).toEqual({
      onHand: before.onHand - 3,
      reserved: before.reserved - 3,
      available: before.available,
    });
    const movements = await t.sql(`select count(*)::int as n from stock_movements where reference_id = ?`, [saleId]);
    expect(movements[0].n).toBe(1);
    const [counter] = await t.sql(`select last_value from document_counters where series = ?`, [
      `sale:${fx.terminalId}`,
    ]);
    expect(Number(counter.last_value)).toBe(1);
  });

  it('10 concurrent sales on one terminal get 10 consecutive numbers; a failed completion consumes none', async () => {
    // A completion that fails inside its transaction (the reserved unit is gone by then).
    const doomed = await paidCart('LAST', 1);
    await t.sql(`update stock_reservations set released = true, released_at = now() where reference_id = ?`, [doomed]);
    await t.sql(`update stock_levels set reserved = reserved - 1, on_hand = on_hand - 1 where product_id = ?`, [
      fx.products.LAST.id,
    ]);
    const failed = await t.gql(
      COMPLETE_SALE,
      { input: { saleId: doomed, idempotencyKey: randomUUID() } },
      fx.cashier.token,
    );
    expect(codeOf(failed)).toBe('INSUFFICIENT_STOCK');
    expect((await t.ok(SALE, { id: doomed }, fx.cashier.token)).sale).toMatchObject({
      status: 'PARTIALLY_PAID',
      saleNumber: null,
    });

    const sales = [];
    for (let i = 0; i < 10; i++) sales.push(await paidCart());
    const completed = await Promise.all(sales.map((id) => complete(t, fx.cashier.token, id)));
    const numbers = completed.map((s) => s.saleNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => numberOf(i + 2)));
  });

  it('publishes saleCompleted ({ saleId, tenantId, locationId }) once, after commit, on the location and tenant topics', async () => {
    const saleId = await paidCart();
    const [tenant] = await t.sql(`select tenant_id from sales where id = ?`, [saleId]);
    const tenantId = tenant.tenant_id as string;
    const events = t.app.services.events;
    const atLocation = await events.listen<Record<string, string>>(saleCompletedTopic(tenantId, fx.locationId));
    const anywhere = await events.listen<Record<string, string>>(saleCompletedTopic(tenantId, null));
    const cartEvents = await events.listen<Record<string, string>>(`cart:${tenantId}:${fx.terminalId}`);
    const idempotencyKey = randomUUID();
    await Promise.all(
      [1, 2, 3].map(() => t.ok(COMPLETE_SALE, { input: { saleId, idempotencyKey } }, fx.cashier.token)),
    );
    const expected = { saleId, tenantId, locationId: fx.locationId };
    expect((await atLocation.next()).value).toEqual(expected);
    expect((await anywhere.next()).value).toEqual(expected);
    expect((await cartEvents.next()).value).toMatchObject({ cartId: saleId, event: 'COMPLETED', status: 'COMPLETED' });
    // Nothing more arrives for the replays.
    const more = await Promise.race([
      atLocation.next().then(() => 'event'),
      new Promise((r) => setTimeout(() => r('none'), 300)),
    ]);
    expect(more).toBe('none');
    for (const it of [atLocation, anywhere, cartEvents]) await it.return?.();
  });
});
