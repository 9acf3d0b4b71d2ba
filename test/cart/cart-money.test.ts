import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  ADD_CART_ITEM,
  APPLY_CART_DISCOUNT,
  APPLY_ITEM_DISCOUNT,
  CART,
  newCart,
  setupPos,
} from '../support/pos-fixtures';

/*
 * docs/money.md Examples 1 and 2 through GraphQL, to the cent. The arithmetic is
 * src/money/cart-totals.ts (unit and fast-check property tests in
 * src/money/cart-totals*.test.ts); this shows the API path uses that same
 * calculator on the stored lines.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const figures = (cart: any) => ({
  subtotal: cart.subtotal,
  discountAmount: cart.discountAmount,
  taxAmount: cart.taxAmount,
  totalAmount: cart.totalAmount,
  amountDue: cart.amountDue,
  lines: cart.items.map((i: any) => [i.productSku, i.discountAmount, i.taxAmount, i.lineTotal]),
});

it('Example 1: prices exclude tax, USD', async () => {
  const fx = await setupPos(t, {
    products: [
      { sku: 'A', price: '19.99', taxRate: '0.0825' },
      { sku: 'B', price: '4.49', taxRate: '0.0825', barcode: '0000000000017' },
      { sku: 'C', price: '0.99', taxRate: '0' },
    ],
  });
  const cart = await newCart(t, fx);
  const token = fx.cashier.token;
  await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, productId: fx.products.A.id, quantity: 3 } }, token);
  await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, barcode: '0000000000017', quantity: 2 } }, token);
  const withC = await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'C', quantity: 1 } }, token);
  const lineA = withC.addCartItem.items.find((i: any) => i.productSku === 'A');
  await t.ok(
    APPLY_ITEM_DISCOUNT,
    { input: { cartId: cart.id, itemId: lineA.id, type: 'PERCENTAGE', value: '10', reason: 'loyalty' } },
    token,
  );
  const done = await t.ok(
    APPLY_CART_DISCOUNT,
    { input: { cartId: cart.id, type: 'FIXED_AMOUNT', value: '5.00', reason: 'coupon' } },
    token,
  );

  const expected = {
    subtotal: '69.94',
    discountAmount: '11.00',
    taxAmount: '4.78',
    totalAmount: '63.72',
    amountDue: '63.72',
    lines: [
      ['A', '10.22', '4.10', '53.85'],
      ['B', '0.70', '0.68', '8.96'],
      ['C', '0.08', '0.00', '0.91'],
    ],
  };
  expect(figures(done.applyCartDiscount)).toEqual(expected);
  expect(done.applyCartDiscount.items.map((i: any) => [i.unitPrice, i.quantity, i.taxRate])).toEqual([
    ['19.99', 3, '0.0825'],
    ['4.49', 2, '0.0825'],
    ['0.99', 1, '0.00'],
  ]);
  // read back from the database, not just the mutation's answer
  expect(figures((await t.ok(CART, { id: cart.id }, token)).cart)).toEqual(expected);
});

it('Example 2: prices include tax, EUR', async () => {
  const fx = await setupPos(t, {
    tenant: { currency: 'EUR', pricesIncludeTax: true },
    products: [
      { sku: 'A', price: '12.00', taxRate: '0.20' },
      { sku: 'B', price: '7.50', taxRate: '0.10' },
    ],
  });
  const cart = await newCart(t, fx);
  const token = fx.cashier.token;
  await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 2 } }, token);
  const added = await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'B', quantity: 1 } }, token);
  const lineB = added.addCartItem.items.find((i: any) => i.productSku === 'B');
  await t.ok(
    APPLY_ITEM_DISCOUNT,
    { input: { cartId: cart.id, itemId: lineB.id, type: 'FIXED_AMOUNT', value: '1.50', reason: 'damaged box' } },
    token,
  );
  const done = await t.ok(
    APPLY_CART_DISCOUNT,
    { input: { cartId: cart.id, type: 'PERCENTAGE', value: '10', reason: 'staff' } },
    token,
  );
  expect(figures(done.applyCartDiscount)).toEqual({
    subtotal: '31.50',
    discountAmount: '4.50',
    taxAmount: '4.09',
    totalAmount: '27.00',
    amountDue: '27.00',
    lines: [
      ['A', '2.40', '3.60', '21.60'],
      ['B', '2.10', '0.49', '5.40'],
    ],
  });
});

it('a discount value of 0 removes it and the totals follow', async () => {
  const fx = await setupPos(t, { products: [{ sku: 'A', price: '10.00', taxRate: '0.10' }] });
  const cart = await newCart(t, fx);
  const token = fx.cashier.token;
  await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 2 } }, token);
  const on = await t.ok(
    APPLY_CART_DISCOUNT,
    { input: { cartId: cart.id, type: 'PERCENTAGE', value: '10', reason: 'promo' } },
    token,
  );
  expect(on.applyCartDiscount).toMatchObject({
    discountAmount: '2.00',
    totalAmount: '19.80',
    discountType: 'PERCENTAGE',
  });
  const off = await t.ok(APPLY_CART_DISCOUNT, { input: { cartId: cart.id, type: 'PERCENTAGE', value: '0' } }, token);
  expect(off.applyCartDiscount).toMatchObject({
    discountAmount: '0.00',
    totalAmount: '22.00',
    discountType: null,
    discountValue: null,
  });
});

it('a discount above 100 % or above the line is BAD_USER_INPUT and changes nothing', async () => {
  const fx = await setupPos(t, { products: [{ sku: 'A', price: '10.00' }] });
  const cart = await newCart(t, fx);
  const token = fx.ownerToken; // an owner approves their own discounts: only the bounds are in play
  const added = await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, sku: 'A', quantity: 1 } }, token);
  const itemId = added.addCartItem.items[0].id;
  for (const input of [
    { itemId, type: 'PERCENTAGE', value: '100.01', reason: 'x' },
    { itemId, type: 'FIXED_AMOUNT', value: '10.01', reason: 'x' },
  ]) {
    const res = await t.gql(APPLY_ITEM_DISCOUNT, { input: { cartId: cart.id, ...input } }, token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('value');
  }
  const res = await t.gql(
    APPLY_CART_DISCOUNT,
    { input: { cartId: cart.id, type: 'FIXED_AMOUNT', value: '11', reason: 'x' } },
    token,
  );
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  const missingReason = await t.gql(
    APPLY_CART_DISCOUNT,
    { input: { cartId: cart.id, type: 'FIXED_AMOUNT', value: '1' } },
    token,
  );
  expect(missingReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  const after = (await t.ok(CART, { id: cart.id }, token)).cart;
  expect(after).toMatchObject({ version: added.addCartItem.version, discountAmount: '0.00', totalAmount: '10.00' });
});
