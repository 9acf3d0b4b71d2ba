import { randomUUID } from 'node:crypto';
import { CartEvent, cartTopic, CustomerDisplay } from '../../src/services/sales/cart/cart-events';
import { userWithRole } from '../support/fixtures';
import { CLOSE_SESSION, CREATE_CUSTOMER } from '../support/operations';
import { codeOf, GraphQLResponse, startTestApp, TestApp } from '../support/test-app';
import {
  ADD_CART_ITEM,
  addItem,
  addRegister,
  APPLY_CART_DISCOUNT,
  APPLY_ITEM_DISCOUNT,
  CART,
  CLEAR_CART,
  CREATE_CART,
  newCart,
  PARK_CART,
  PARKED_CARTS,
  PosFixture,
  REMOVE_CART_ITEM,
  RESUME_CART,
  SET_CART_CUSTOMER,
  setupPos,
  stockOf,
  UPDATE_CART_ITEM,
} from '../support/pos-fixtures';

const DEACTIVATE = /* GraphQL */ `
  mutation CartTestDeactivateTerminal($id: ID!) {
    deactivateTerminal(id: $id) {
      id
    }
  }
`;

let t: TestApp;
let fx: PosFixture;
beforeAll(async () => {
  t = await startTestApp();
  fx = await setupPos(t, {
    products: [
      { sku: 'A', price: '10.00', taxRate: '0.10', barcode: '4006381333931', attributes: { Color: 'Red' } },
      { sku: 'B', price: '5.00', stock: 50 },
    ],
  });
});
afterAll(() => t.close());

const expectError = (res: GraphQLResponse, code: string, field?: string) => {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
};

async function cartRow(id: string) {
  const [row] = await t.sql('select version, status, total_amount from sales where id = ?', [id]);
  const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from sale_items where sale_id = ?', [id]);
  return { ...row, lines: n };
}

describe('createCart', () => {
  it('belongs to the open session, the terminal, its location and the cashier', async () => {
    const cart = await newCart(t, fx);
    expect(cart).toMatchObject({
      status: 'DRAFT',
      version: 1,
      items: [],
      totalAmount: '0.00',
      amountDue: '0.00',
      terminal: { id: fx.terminalId },
    });
    const [row] = await t.sql('select session_id, location_id, cashier_id, terminal_id from sales where id = ?', [
      cart.id,
    ]);
    expect(row).toEqual({
      session_id: fx.sessionId,
      location_id: fx.locationId,
      cashier_id: fx.cashier.id,
      terminal_id: fx.terminalId,
    });
  });

  it('is idempotent on a client-generated id', async () => {
    const id = randomUUID();
    const [a, b] = await Promise.all([newCart(t, fx, { id }), newCart(t, fx, { id })]);
    expect(a.id).toBe(id);
    expect(b).toEqual(a);
    const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from sales where id = ?', [id]);
    expect(n).toBe(1);
  });

  it("refuses a client id another tenant's cart has, and leaves that cart alone", async () => {
    const other = await setupPos(t);
    const theirs = await newCart(t, other, { id: randomUUID() });
    expectError(
      await t.gql(CREATE_CART, { input: { terminalId: fx.terminalId, id: theirs.id } }, fx.cashier.token),
      'BAD_USER_INPUT',
      'id',
    );
    const [row] = await t.sql<{ terminal_id: string }>('select terminal_id from sales where id = ?', [theirs.id]);
    expect(row.terminal_id).toBe(other.terminalId);
  });

  it('needs an open session (SESSION_NOT_OPEN) on an active terminal (TERMINAL_INACTIVE)', async () => {
    const closed = await addRegister(t, fx.ownerToken, fx.locationId, { open: false });
    expectError(
      await t.gql(CREATE_CART, { input: { terminalId: closed.terminalId } }, fx.cashier.token),
      'SESSION_NOT_OPEN',
    );
    const inactive = await addRegister(t, fx.ownerToken, fx.locationId);
    await t.ok(DEACTIVATE, { id: inactive.terminalId }, fx.ownerToken);
    expectError(
      await t.gql(CREATE_CART, { input: { terminalId: inactive.terminalId } }, fx.cashier.token),
      'TERMINAL_INACTIVE',
    );
    expectError(await t.gql(CREATE_CART, { input: { terminalId: randomUUID() } }, fx.cashier.token), 'NOT_FOUND');
  });

  it('a closed session stops its carts (SESSION_NOT_OPEN); a cart with items blocks closing until parked', async () => {
    const reg = await addRegister(t, fx.ownerToken, fx.locationId);
    const cart = (await t.ok(CREATE_CART, { input: { terminalId: reg.terminalId } }, fx.cashier.token)).createCart;
    await addItem(t, fx, cart.id, 'B', 1);
    const blocked = await t.gql(
      CLOSE_SESSION,
      { input: { sessionId: reg.sessionId, closingBalance: '100.00' } },
      fx.ownerToken,
    );
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', cartId: cart.id });
    await t.ok(PARK_CART, { input: { cartId: cart.id } }, fx.cashier.token);
    await t.ok(CLOSE_SESSION, { input: { sessionId: reg.sessionId, closingBalance: '100.00' } }, fx.ownerToken);

    const reg2 = await addRegister(t, fx.ownerToken, fx.locationId);
    const empty = (await t.ok(CREATE_CART, { input: { terminalId: reg2.terminalId } }, fx.cashier.token)).createCart;
    await t.ok(CLOSE_SESSION, { input: { sessionId: reg2.sessionId, closingBalance: '100.00' } }, fx.ownerToken); // an empty cart does not block
    expectError(
      await t.gql(ADD_CART_ITEM, { input: { cartId: empty.id, sku: 'B', quantity: 1 } }, fx.cashier.token),
      'SESSION_NOT_OPEN',
    );
  });
});

describe('lines', () => {
  it('snapshots name, sku, price and attributes, and finds products by id, sku or barcode', async () => {
    const cart = await newCart(t, fx);
    const byBarcode = (
      await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, barcode: '4006381333931', quantity: 1 } }, fx.cashier.token)
    ).addCartItem;
    expect(byBarcode.items[0]).toMatchObject({
      productId: fx.products.A.id,
      productName: 'A',
      productSku: 'A',
      unitPrice: '10.00',
      taxRate: '0.10',
    });
    const [row] = await t.sql('select attributes from sale_items where id = ?', [byBarcode.items[0].id]);
    expect(row.attributes).toEqual({ Color: 'Red' });
    const bySku = (await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 2 } }, fx.cashier.token))
      .addCartItem;
    expect(bySku.items).toHaveLength(1);
    expect(bySku.items[0].quantity).toBe(3);
    expect(bySku).toMatchObject({ subtotal: '30.00', taxAmount: '3.00', totalAmount: '33.00', version: 3 });
  });

  it('rejects bad quantities and product keys, writing nothing', async () => {
    const cart = await newCart(t, fx);
    const added = await addItem(t, fx, cart.id, 'A', 1);
    const before = await cartRow(cart.id);
    const stockBefore = await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id);
    const itemId = added.items[0].id;
    for (const quantity of [0, -1, 10_000]) {
      expectError(
        await t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'B', quantity } }, fx.cashier.token),
        'BAD_USER_INPUT',
        'quantity',
      );
      expectError(
        await t.gql(UPDATE_CART_ITEM, { input: { cartId: cart.id, itemId, quantity } }, fx.cashier.token),
        'BAD_USER_INPUT',
        'quantity',
      );
    }
    // the limit is per line, merged lines included
    expectError(
      await t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 9999 } }, fx.cashier.token),
      'BAD_USER_INPUT',
      'quantity',
    );
    expectError(
      await t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, quantity: 1 } }, fx.cashier.token),
      'BAD_USER_INPUT',
      'productId',
    );
    expectError(
      await t.gql(
        ADD_CART_ITEM,
        { input: { cartId: cart.id, sku: 'A', barcode: '4006381333931', quantity: 1 } },
        fx.cashier.token,
      ),
      'BAD_USER_INPUT',
    );
    expectError(
      await t.gql(
        ADD_CART_ITEM,
        { input: { cartId: cart.id, barcode: '0000000000000', quantity: 1 } },
        fx.cashier.token,
      ),
      'NOT_FOUND',
    );
    expectError(
      await t.gql(
        ADD_CART_ITEM,
        { input: { cartId: cart.id, productId: randomUUID(), quantity: 1 } },
        fx.cashier.token,
      ),
      'NOT_FOUND',
    );
    expectError(
      await t.gql(
        UPDATE_CART_ITEM,
        { input: { cartId: cart.id, itemId: randomUUID(), quantity: 1 } },
        fx.cashier.token,
      ),
      'NOT_FOUND',
    );
    expect(await cartRow(cart.id)).toEqual(before);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).toEqual(stockBefore);
  });

  it('a stale version is CONFLICT; the current one (or none) goes through and is bumped', async () => {
    const cart = await newCart(t, fx);
    const v2 = await addItem(t, fx, cart.id, 'B', 1);
    expect(v2.version).toBe(2);
    const stale = await t.gql(
      ADD_CART_ITEM,
      { input: { cartId: cart.id, sku: 'B', quantity: 1, version: 1 } },
      fx.cashier.token,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', version: 2 });
    const ok = await t.ok(
      UPDATE_CART_ITEM,
      { input: { cartId: cart.id, itemId: v2.items[0].id, quantity: 4, version: 2 } },
      fx.cashier.token,
    );
    expect(ok.updateCartItem.version).toBe(3);
    expectError(await t.gql(CLEAR_CART, { input: { cartId: cart.id, version: 2 } }, fx.cashier.token), 'CONFLICT');
    expect(await cartRow(cart.id)).toMatchObject({ version: 3, status: 'DRAFT' });
  });

  it('a completed sale is SALE_NOT_EDITABLE', async () => {
    const cart = await newCart(t, fx);
    const added = await addItem(t, fx, cart.id, 'B', 1);
    await t.sql("update sales set status = 'COMPLETED' where id = ?", [cart.id]);
    const token = fx.cashier.token;
    const itemId = added.items[0].id;
    for (const [op, input] of [
      [ADD_CART_ITEM, { sku: 'B', quantity: 1 }],
      [UPDATE_CART_ITEM, { itemId, quantity: 2 }],
      [REMOVE_CART_ITEM, { itemId }],
      [APPLY_CART_DISCOUNT, { type: 'PERCENTAGE', value: '5', reason: 'x' }],
      [PARK_CART, {}],
      [CLEAR_CART, {}],
    ] as const) {
      expectError(await t.gql(op, { input: { cartId: cart.id, ...input } }, token), 'SALE_NOT_EDITABLE');
    }
    expect(await cartRow(cart.id)).toMatchObject({ version: 2, lines: 1 });
  });

  it('a cart with payments cannot be cleared (it must be voided)', async () => {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'B', 1);
    await t.sql("update sales set status = 'PARTIALLY_PAID', paid_amount = 1 where id = ?", [cart.id]);
    expectError(await t.gql(CLEAR_CART, { input: { cartId: cart.id } }, fx.cashier.token), 'SALE_NOT_EDITABLE');
    const [row] = await t.sql<{ n: number }>(
      'select count(*)::int as n from stock_reservations where reference_id = ? and released = false',
      [cart.id],
    );
    expect(row.n).toBe(1);
  });
});

describe('customers', () => {
  it('sets and removes the customer; an unknown one is NOT_FOUND', async () => {
    const customer = (await t.ok(CREATE_CUSTOMER, { input: { name: 'Ada' } }, fx.ownerToken)).createCustomer;
    const cart = await newCart(t, fx, { customerId: customer.id });
    expect(cart.customer).toEqual({ id: customer.id });
    const removed = await t.ok(SET_CART_CUSTOMER, { input: { cartId: cart.id, customerId: null } }, fx.cashier.token);
    expect(removed.setCartCustomer.customer).toBeNull();
    const set = await t.ok(
      SET_CART_CUSTOMER,
      { input: { cartId: cart.id, customerId: customer.id } },
      fx.cashier.token,
    );
    expect(set.setCartCustomer.customer).toEqual({ id: customer.id });
    expectError(
      await t.gql(SET_CART_CUSTOMER, { input: { cartId: cart.id, customerId: randomUUID() } }, fx.cashier.token),
      'NOT_FOUND',
    );
  });
});

describe('discount approval', () => {
  it('a cashier above the threshold needs a manager: PIN or token; the approver is recorded', async () => {
    const manager = await userWithRole(t, fx.tenant, 'MANAGER', '4321');
    const cart = await newCart(t, fx);
    const added = await addItem(t, fx, cart.id, 'A', 2); // gross 20.00
    const itemId = added.items[0].id;
    const token = fx.cashier.token;
    const discount = { cartId: cart.id, itemId, type: 'FIXED_AMOUNT', value: '5.00', reason: 'scratched' }; // 25 % > 20 %

    expectError(await t.gql(APPLY_ITEM_DISCOUNT, { input: discount }, token), 'DISCOUNT_APPROVAL_REQUIRED');
    expectError(
      await t.gql(APPLY_ITEM_DISCOUNT, { input: { ...discount, approvedByPin: '9999' } }, token),
      'DISCOUNT_APPROVAL_REQUIRED',
    );
    expectError(
      await t.gql(APPLY_ITEM_DISCOUNT, { input: { ...discount, approverToken: token } }, token),
      'DISCOUNT_APPROVAL_REQUIRED',
    );
    expect(await cartRow(cart.id)).toMatchObject({ version: 2 });

    // at the threshold itself no approval is needed
    const atThreshold = await t.ok(APPLY_ITEM_DISCOUNT, { input: { ...discount, value: '4.00' } }, token);
    expect(atThreshold.applyItemDiscount.items[0]).toMatchObject({ discountAmount: '4.00' });

    const withPin = await t.ok(APPLY_ITEM_DISCOUNT, { input: { ...discount, approvedByPin: '4321' } }, token);
    expect(withPin.applyItemDiscount).toMatchObject({ discountAmount: '5.00', totalAmount: '16.50' });
    const [item] = await t.sql('select discount_approved_by_id, discount_reason from sale_items where id = ?', [
      itemId,
    ]);
    expect(item).toEqual({ discount_approved_by_id: manager.id, discount_reason: 'scratched' });

    const cartDiscount = { cartId: cart.id, type: 'PERCENTAGE', value: '30', reason: 'manager special' };
    expectError(await t.gql(APPLY_CART_DISCOUNT, { input: cartDiscount }, token), 'DISCOUNT_APPROVAL_REQUIRED');
    await t.ok(APPLY_CART_DISCOUNT, { input: { ...cartDiscount, approverToken: manager.token } }, token);
    const [sale] = await t.sql('select discount_approved_by_id from sales where id = ?', [cart.id]);
    expect(sale.discount_approved_by_id).toBe(manager.id);
  });

  it('a change that pushes an unapproved fixed cart discount over the threshold needs approval too', async () => {
    const cart = await newCart(t, fx);
    const two = await addItem(t, fx, cart.id, 'B', 4); // 20.00
    await t.ok(
      APPLY_CART_DISCOUNT,
      { input: { cartId: cart.id, type: 'FIXED_AMOUNT', value: '4.00', reason: 'promo' } },
      fx.cashier.token,
    ); // 20 %
    const res = await t.gql(
      UPDATE_CART_ITEM,
      { input: { cartId: cart.id, itemId: two.items[0].id, quantity: 2 } },
      fx.cashier.token,
    ); // would be 40 %
    expectError(res, 'DISCOUNT_APPROVAL_REQUIRED');
    // the owner approves their own changes
    const ok = await t.ok(
      UPDATE_CART_ITEM,
      { input: { cartId: cart.id, itemId: two.items[0].id, quantity: 2 } },
      fx.ownerToken,
    );
    expect(ok.updateCartItem).toMatchObject({ discountAmount: '4.00', totalAmount: '6.00' });
  });

  it('needs pos:sale:discount', async () => {
    const cart = await newCart(t, fx);
    const res = await t.gql(APPLY_CART_DISCOUNT, {
      input: { cartId: cart.id, type: 'PERCENTAGE', value: '5', reason: 'x' },
    });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });
});

describe('parking', () => {
  it('parks on T1 (reservations kept) and resumes on T2 of the same location', async () => {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'B', 2);
    const reserved = (await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).reserved;
    const parked = (await t.ok(PARK_CART, { input: { cartId: cart.id } }, fx.cashier.token)).parkCart;
    expect(parked.parkedAt).not.toBeNull();
    expect((await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).reserved).toBe(reserved);
    expectError(
      await t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'B', quantity: 1 } }, fx.cashier.token),
      'SALE_NOT_EDITABLE',
    );

    const list = (await t.ok(PARKED_CARTS, { locationId: fx.locationId }, fx.cashier.token)).parkedCarts;
    expect(list.map((c: any) => c.id)).toContain(cart.id);
    expect(
      (await t.ok(PARKED_CARTS, { terminalId: fx.terminalId }, fx.cashier.token)).parkedCarts.map((c: any) => c.id),
    ).toContain(cart.id);

    const t2 = await addRegister(t, fx.ownerToken, fx.locationId);
    const other = await userWithRole(t, fx.tenant, 'CASHIER');
    const resumed = (await t.ok(RESUME_CART, { input: { cartId: cart.id, terminalId: t2.terminalId } }, other.token))
      .resumeCart;
    expect(resumed).toMatchObject({ parkedAt: null, terminal: { id: t2.terminalId }, items: [{ quantity: 2 }] });
    const [row] = await t.sql('select session_id, cashier_id from sales where id = ?', [cart.id]);
    expect(row).toEqual({ session_id: t2.sessionId, cashier_id: other.id });
    expect((await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).reserved).toBe(reserved);
    expect(
      (await t.ok(PARKED_CARTS, { locationId: fx.locationId }, fx.cashier.token)).parkedCarts.map((c: any) => c.id),
    ).not.toContain(cart.id);
    expectError(
      await t.gql(RESUME_CART, { input: { cartId: cart.id, terminalId: t2.terminalId } }, other.token),
      'CONFLICT',
    );
  });

  it('resumes only at the same location, on a terminal with an open session', async () => {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'B', 1);
    await t.ok(PARK_CART, { input: { cartId: cart.id } }, fx.cashier.token);
    const loc = await t.ok(
      `mutation CartTestLocation { createLocation(input: { name: "Annex", code: "ANX" }) { id } }`,
      {},
      fx.ownerToken,
    );
    const elsewhere = await addRegister(t, fx.ownerToken, loc.createLocation.id);
    expectError(
      await t.gql(RESUME_CART, { input: { cartId: cart.id, terminalId: elsewhere.terminalId } }, fx.cashier.token),
      'BAD_USER_INPUT',
      'terminalId',
    );
    const closed = await addRegister(t, fx.ownerToken, fx.locationId, { open: false });
    expectError(
      await t.gql(RESUME_CART, { input: { cartId: cart.id, terminalId: closed.terminalId } }, fx.cashier.token),
      'SESSION_NOT_OPEN',
    );
    expect((await t.ok(CART, { id: cart.id }, fx.cashier.token)).cart.parkedAt).not.toBeNull();
  });

  it('lists parked carts with their lines, customers and terminals in a fixed number of queries', async () => {
    const shop = await setupPos(t, { products: [{ sku: 'P', price: '1.00' }] });
    const customer = (await t.ok(CREATE_CUSTOMER, { input: { name: 'Bo' } }, shop.ownerToken)).createCustomer;
    const park = async () => {
      const cart = await newCart(t, shop, { customerId: customer.id });
      await addItem(t, shop, cart.id, 'P', 1);
      await t.ok(PARK_CART, { input: { cartId: cart.id } }, shop.cashier.token);
    };
    const count = async () =>
      (await t.countQueries(() => t.ok(PARKED_CARTS, { locationId: shop.locationId }, shop.cashier.token))).count;
    await park();
    const one = await count();
    await park();
    await park();
    expect(await count()).toBe(one);
    expect((await t.ok(PARKED_CARTS, { locationId: shop.locationId }, shop.cashier.token)).parkedCarts).toHaveLength(3);
  });

  it('an empty cart is not parked', async () => {
    const cart = await newCart(t, fx);
    expectError(await t.gql(PARK_CART, { input: { cartId: cart.id } }, fx.cashier.token), 'BAD_USER_INPUT');
  });
});

describe('tenancy', () => {
  it("another tenant's cart is NOT_FOUND for every operation (and null for cart)", async () => {
    const cart = await newCart(t, fx);
    const added = await addItem(t, fx, cart.id, 'B', 1);
    const other = await setupPos(t, { products: [{ sku: 'B', price: '1.00' }] });
    const token = other.ownerToken;
    const itemId = added.items[0].id;
    for (const [op, input] of [
      [ADD_CART_ITEM, { sku: 'B', quantity: 1 }],
      [UPDATE_CART_ITEM, { itemId, quantity: 2 }],
      [REMOVE_CART_ITEM, { itemId }],
      [APPLY_ITEM_DISCOUNT, { itemId, type: 'PERCENTAGE', value: '5', reason: 'x' }],
      [APPLY_CART_DISCOUNT, { type: 'PERCENTAGE', value: '5', reason: 'x' }],
      [SET_CART_CUSTOMER, { customerId: null }],
      [PARK_CART, {}],
      [RESUME_CART, { terminalId: other.terminalId }],
      [CLEAR_CART, {}],
    ] as const) {
      expectError(await t.gql(op, { input: { cartId: cart.id, ...input } }, token), 'NOT_FOUND');
    }
    expect((await t.ok(CART, { id: cart.id }, token)).cart).toBeNull();
    expect((await t.ok(PARKED_CARTS, { locationId: fx.locationId }, token)).parkedCarts).toEqual([]);
    // creating a cart with an id another tenant used is refused, not merged
    expectError(
      await t.gql(CREATE_CART, { input: { terminalId: other.terminalId, id: cart.id } }, token),
      'BAD_USER_INPUT',
      'id',
    );
    // nor can a cart be opened on another tenant's terminal
    expectError(await t.gql(CREATE_CART, { input: { terminalId: fx.terminalId } }, token), 'NOT_FOUND');
    expect(await cartRow(cart.id)).toMatchObject({ version: 2, status: 'DRAFT', lines: 1 });
  });
});

describe('events', () => {
  it('publishes the customer display payload on the terminal topic after commit, nothing on failure', async () => {
    const tenantId = (await t.sql('select tenant_id from pos_terminals where id = ?', [fx.terminalId]))[0].tenant_id;
    const events = t.app.services.events.subscribe<CustomerDisplay>(cartTopic(tenantId, fx.terminalId));
    const seen: CustomerDisplay[] = [];
    const reading = (async () => {
      for await (const e of events) {
        seen.push(e);
        if (seen.length === 3) break;
      }
    })();
    const cart = await newCart(t, fx);
    const sent = Date.now();
    await addItem(t, fx, cart.id, 'A', 1);
    const answered = Date.now();
    await t.gql(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 1, version: 1 } }, fx.cashier.token); // CONFLICT: no event
    await t.ok(CLEAR_CART, { input: { cartId: cart.id } }, fx.cashier.token);
    await reading;
    expect(seen.map((e) => [e.event, e.version] as [CartEvent, number])).toEqual([
      ['CREATED', 1],
      ['ITEM_ADDED', 2],
      ['CLEARED', 3],
    ]);
    const { committedAt, ...display } = seen[1];
    // stamped once the transaction had committed, before the mutation answered
    expect(Date.parse(committedAt)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(committedAt)).toBeLessThanOrEqual(answered);
    expect(display).toEqual({
      terminalId: fx.terminalId,
      cartId: cart.id,
      event: 'ITEM_ADDED',
      status: 'DRAFT',
      version: 2,
      items: [
        { name: 'A', quantity: 1, unitPrice: '10.00', discountAmount: '0.00', amount: '10.00', lineTotal: '11.00' },
      ],
      subtotal: '10.00',
      discountAmount: '0.00',
      taxAmount: '1.00',
      totalAmount: '11.00',
      paidAmount: '0.00',
      amountDue: '11.00',
      changeDue: '0.00',
      roundingAdjustment: '0.00',
      currency: 'USD',
      storeName: `Tenant ${fx.tenant.slug}`,
      pricesIncludeTax: false,
    });
    expect(seen[2].status).toBe('VOIDED');
  });
});
