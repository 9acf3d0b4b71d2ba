import { expireCarts } from '../../src/jobs/expire-carts.job';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  ADD_CART_ITEM,
  addItem,
  CART,
  CLEAR_CART,
  newCart,
  PARK_CART,
  REMOVE_CART_ITEM,
  setupPos,
  stockOf,
  UPDATE_CART_ITEM,
} from '../support/pos-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('each line holds a reservation for its quantity: add, merge, change, remove', async () => {
  const fx = await setupPos(t, { products: [{ sku: 'A', price: '2.00', stock: 10 }] });
  const level = () => stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id);
  const cart = await newCart(t, fx);

  await addItem(t, fx, cart.id, 'A', 3);
  expect(await level()).toEqual({ onHand: 10, reserved: 3, available: 7 });

  const merged = await addItem(t, fx, cart.id, 'A', 2);
  expect(merged.items).toHaveLength(1);
  expect(merged.items[0].quantity).toBe(5);
  expect(await level()).toEqual({ onHand: 10, reserved: 5, available: 5 });

  const itemId = merged.items[0].id;
  await t.ok(UPDATE_CART_ITEM, { input: { cartId: cart.id, itemId, quantity: 1 } }, fx.cashier.token);
  expect(await level()).toMatchObject({ reserved: 1, available: 9 });

  const removed = await t.ok(REMOVE_CART_ITEM, { input: { cartId: cart.id, itemId } }, fx.cashier.token);
  expect(removed.removeCartItem).toMatchObject({ items: [], totalAmount: '0.00' });
  expect(await level()).toEqual({ onHand: 10, reserved: 0, available: 10 });
});

it('growing a line past what is available is INSUFFICIENT_STOCK and changes nothing', async () => {
  const fx = await setupPos(t, { products: [{ sku: 'A', price: '2.00', stock: 4 }] });
  const cart = await newCart(t, fx);
  const added = await addItem(t, fx, cart.id, 'A', 3);
  const res = await t.gql(
    UPDATE_CART_ITEM,
    { input: { cartId: cart.id, itemId: added.items[0].id, quantity: 5 } },
    fx.cashier.token,
  );
  expect(codeOf(res)).toBe('INSUFFICIENT_STOCK');
  const after = (await t.ok(CART, { id: cart.id }, fx.cashier.token)).cart;
  expect(after).toMatchObject({ version: added.version, items: [{ quantity: 3 }] });
  expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({ reserved: 3, available: 1 });
});

it('clearing a cart gives every unit back and voids it', async () => {
  const fx = await setupPos(t, {
    products: [
      { sku: 'A', price: '2.00', stock: 10 },
      { sku: 'B', price: '3.00', stock: 10 },
    ],
  });
  const cart = await newCart(t, fx);
  await addItem(t, fx, cart.id, 'A', 3);
  await addItem(t, fx, cart.id, 'B', 4);
  expect(await t.ok(CLEAR_CART, { input: { cartId: cart.id } }, fx.cashier.token)).toEqual({ clearCart: true });
  expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({
    reserved: 0,
    available: 10,
  });
  expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).toMatchObject({
    reserved: 0,
    available: 10,
  });
  const [row] = await t.sql('select status, void_reason, voided_by_id from sales where id = ?', [cart.id]);
  expect(row).toEqual({ status: 'VOIDED', void_reason: 'cleared', voided_by_id: fx.cashier.id });
  // a cleared cart can no longer change
  expect(
    codeOf(await t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 1 } }, fx.cashier.token)),
  ).toBe('SALE_NOT_EDITABLE');
});

it('two carts racing for the last unit: exactly one gets it, the other INSUFFICIENT_STOCK', async () => {
  const fx = await setupPos(t, { products: [{ sku: 'LAST', price: '9.99', stock: 1 }] });
  const [c1, c2] = [await newCart(t, fx), await newCart(t, fx)];
  const results = await Promise.all(
    [c1, c2].map((c) => t.gql(ADD_CART_ITEM, { input: { cartId: c.id, sku: 'LAST', quantity: 1 } }, fx.cashier.token)),
  );
  expect(results.map(codeOf).sort()).toEqual(['INSUFFICIENT_STOCK', undefined].sort());
  expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.LAST.id)).toEqual({
    onHand: 1,
    reserved: 1,
    available: 0,
  });
  const lines = await t.sql<{ n: number }>('select count(*)::int as n from sale_items where sale_id in (?, ?)', [
    c1.id,
    c2.id,
  ]);
  expect(lines[0].n).toBe(1);
});

it('concurrent edits of one cart queue on its row and each sees the lines the one before wrote', async () => {
  const fx = await setupPos(t, {
    products: [
      { sku: 'A', price: '1.00', stock: 50 },
      { sku: 'B', price: '2.00', stock: 50 },
    ],
  });
  const cart = await newCart(t, fx);
  const skus = ['A', 'B', 'A', 'A', 'B', 'A', 'B', 'A', 'A', 'B'];
  const results = await Promise.all(
    skus.map((sku) => t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, sku, quantity: 1 } }, fx.cashier.token)),
  );
  expect(results.map(codeOf)).toEqual(skus.map(() => undefined));
  const after = (await t.ok(CART, { id: cart.id }, fx.cashier.token)).cart;
  expect(after.version).toBe(cart.version + skus.length);
  expect(after.items.map((i: { quantity: number }) => i.quantity).sort()).toEqual([4, 6]);
  expect(after.totalAmount).toBe('14.00');
  expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({ reserved: 6 });
  expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).toMatchObject({ reserved: 4 });
  const live = await t.sql<{ n: number }>(
    'select count(*)::int as n from stock_reservations where reference_id = ? and released = false',
    [cart.id],
  );
  expect(live[0].n).toBe(2);
});

describe('expiry', () => {
  it('refreshes expiresAt on every change, from the tenant cartExpiryMinutes', async () => {
    const fx = await setupPos(t, { products: [{ sku: 'A', price: '1.00' }] });
    const cart = await newCart(t, fx);
    const before = Date.now();
    const added = await addItem(t, fx, cart.id, 'A', 1);
    const expiresAt = new Date(added.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1000);
    const [reservation] = await t.sql(
      'select expires_at from stock_reservations where reference_id = ? and released = false',
      [cart.id],
    );
    expect(new Date(reservation.expires_at).getTime()).toBe(expiresAt);
  });

  it('expireCarts voids carts past expiresAt and gives their stock back; live and parked ones stay', async () => {
    const fx = await setupPos(t, { products: [{ sku: 'A', price: '1.00', stock: 10 }] });
    const stale = await newCart(t, fx);
    await addItem(t, fx, stale.id, 'A', 3);
    const live = await newCart(t, fx);
    await addItem(t, fx, live.id, 'A', 2);
    const parked = await newCart(t, fx);
    await addItem(t, fx, parked.id, 'A', 1);
    const parkedCart = (await t.ok(PARK_CART, { input: { cartId: parked.id } }, fx.cashier.token)).parkCart;
    // parked: parkedAt + parkedCartExpiryHours (24 h), not the cart expiry
    expect(new Date(parkedCart.expiresAt).getTime() - new Date(parkedCart.parkedAt).getTime()).toBe(24 * 3_600_000);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({
      reserved: 6,
      available: 4,
    });

    await t.sql("update sales set expires_at = now() - interval '1 minute' where id = ?", [stale.id]);
    expect(await expireCarts(t.app.services, new Date())).toBe(1);

    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({
      reserved: 3,
      available: 7,
    });
    const rows = await t.sql<{ id: string; status: string; void_reason: string | null }>(
      'select id, status, void_reason from sales where id in (?, ?, ?) order by created_at',
      [stale.id, live.id, parked.id],
    );
    expect(rows.map((r) => [r.status, r.void_reason])).toEqual([
      ['VOIDED', 'expired'],
      ['DRAFT', null],
      ['DRAFT', null],
    ]);
    // idempotent
    expect(await expireCarts(t.app.services, new Date())).toBe(0);
    // a parked cart expires too once its own time has come (the run is across tenants: other tests' carts go too)
    expect(await expireCarts(t.app.services, new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(2);
    const after = await t.sql<{ status: string }>('select status from sales where id in (?, ?)', [live.id, parked.id]);
    expect(after.map((r) => r.status)).toEqual(['VOIDED', 'VOIDED']);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({
      reserved: 0,
      available: 10,
    });
  });

  it('a cart whose reservations the stock job already released is re-reserved on its next change', async () => {
    const fx = await setupPos(t, { products: [{ sku: 'A', price: '1.00', stock: 10 }] });
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'A', 2);
    await t.sql("update stock_reservations set expires_at = now() - interval '1 minute' where reference_id = ?", [
      cart.id,
    ]);
    await t.app.services.reservations.releaseExpiredReservations(t.app.services.orm.em.fork(), new Date());
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({ reserved: 0 });
    await addItem(t, fx, cart.id, 'A', 1);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({
      reserved: 3,
      available: 7,
    });
  });
});
