import { randomUUID } from 'node:crypto';
import {
  APPLY_CART_DISCOUNT,
  APPLY_ITEM_DISCOUNT,
  addItem,
  addRegister,
  newCart,
  setupPos,
  stockOf,
} from '../support/pos-fixtures';
import { ISSUE_DEVICE_TOKEN } from '../support/operations';
import { startTestApp, TestApp } from '../support/test-app';
import { APPROVED_CARD, complete, payOk, RECEIPT, SALE, SALE_FIELDS } from './checkout-support';

const CHECKOUT = /* GraphQL */ `
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      ...SaleFields
    }
  }
  ${SALE_FIELDS}
`;

/** What must be equal between two sales of the same cart: everything but ids, numbers and times. */
function figures(sale: any) {
  const { id: _id, saleNumber: _n, completedAt: _c, terminal: _t, session: _s, version: _v, ...rest } = sale;
  return {
    ...rest,
    items: sale.items.map(({ id: _i, productId: _p, ...line }: any) => line),
    payments: sale.payments.map(({ id: _i, ...payment }: any) => payment),
  };
}

function receiptFigures(receipt: any, terminalCode: string) {
  const { saleNumber: _n, terminalCode: _t, text, ...rest } = receipt;
  return {
    ...rest,
    text: text
      .replaceAll(receipt.saleNumber, '#')
      .replaceAll(terminalCode, 'T')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, 'time'),
  };
}

describe('checkout: one request, one transaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const example1 = () =>
    setupPos(t, {
      products: [
        { sku: 'A', price: '19.99', taxRate: '0.0825' },
        { sku: 'B', price: '4.49', taxRate: '0.0825' },
        { sku: 'C', price: '0.99', taxRate: '0' },
      ],
    });

  it('gives the same sale, figures and receipt as the six-mutation flow (Example 1)', async () => {
    const fx = await example1();
    // The six-mutation flow on the fixture's register.
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'A', 3);
    await addItem(t, fx, cart.id, 'B', 2);
    const withC = await addItem(t, fx, cart.id, 'C', 1);
    const lineA = withC.items.find((i: any) => i.productId === fx.products.A.id);
    await t.ok(
      APPLY_ITEM_DISCOUNT,
      { input: { cartId: cart.id, itemId: lineA.id, type: 'PERCENTAGE', value: '10', reason: 'loyal' } },
      fx.cashier.token,
    );
    await t.ok(
      APPLY_CART_DISCOUNT,
      { input: { cartId: cart.id, type: 'FIXED_AMOUNT', value: '5.00', reason: 'promo' } },
      fx.cashier.token,
    );
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '100.00' });
    await complete(t, fx.cashier.token, cart.id);
    const six = (await t.ok(SALE, { id: cart.id }, fx.cashier.token)).sale;

    // The same cart in one request on a second register.
    const lane = await addRegister(t, fx.ownerToken, fx.locationId);
    const input = {
      terminalId: lane.terminalId,
      items: [
        { sku: 'A', quantity: 3, discount: { type: 'PERCENTAGE', value: '10', reason: 'loyal' } },
        { productId: fx.products.B.id, quantity: 2 },
        { sku: 'C', quantity: 1 },
      ],
      cartDiscount: { type: 'FIXED_AMOUNT', value: '5.00', reason: 'promo' },
      payments: [{ method: 'CASH', receivedAmount: '100.00' }],
      idempotencyKey: randomUUID(),
    };
    const one = (await t.ok(CHECKOUT, { input }, fx.cashier.token)).checkout;
    expect(one).toMatchObject({
      status: 'COMPLETED',
      saleNumber: `${lane.terminalCode}-000001`,
      subtotal: '69.94',
      discountAmount: '11.00',
      taxAmount: '4.78',
      totalAmount: '63.72',
      paidAmount: '63.72',
      changeAmount: '36.28',
      session: { id: lane.sessionId },
    });
    expect(figures(one)).toEqual(figures(six));
    const receipts = await Promise.all(
      [six.id, one.id].map(async (id) => (await t.ok(RECEIPT, { saleId: id }, fx.cashier.token)).receipt),
    );
    expect(receiptFigures(receipts[1], lane.terminalCode)).toEqual(receiptFigures(receipts[0], fx.terminalCode));
    const jobs = await t.sql<{ n: number }>(
      `select count(*)::int as n from hardware_commands where sale_id in (?, ?) group by sale_id`,
      [six.id, one.id],
    );
    expect(jobs.map((j) => j.n)).toEqual([2, 2]); // drawer + receipt for each

    // A retry with the same key answers the same sale and writes nothing more.
    const again = (await t.ok(CHECKOUT, { input }, fx.cashier.token)).checkout;
    expect(again.id).toBe(one.id);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({ onHand: 94, reserved: 0 });
  });

  it('locks the shared stock rows only in its completion, after the payments, and reserves nothing', async () => {
    const fx = await example1();
    const input = {
      terminalId: fx.terminalId,
      items: [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ],
      payments: [{ method: 'CASH', receivedAmount: '100' }],
      idempotencyKey: randomUUID(),
    };
    const { statements } = await t.countQueries(() => t.ok(CHECKOUT, { input }, fx.cashier.token));
    const firstStockLock = statements.findIndex(
      (s) => /stock_levels/.test(s) && /for update|update stock_levels/i.test(s),
    );
    const lastPayment = statements.map((s) => /insert into "?sale_payments/i.test(s)).lastIndexOf(true);
    expect(lastPayment).toBeGreaterThan(0);
    expect(firstStockLock).toBeGreaterThan(lastPayment);
    expect(statements.filter((s) => /insert into "?stock_reservations/i.test(s))).toEqual([]);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({ onHand: 98, reserved: 0 });
  });

  it('any failure writes nothing: a declined card, short stock; bounds and permissions hold', async () => {
    const fx = await example1();
    const base = { terminalId: fx.terminalId, items: [{ sku: 'A', quantity: 1 }], idempotencyKey: randomUUID() };
    const declined = await t.gql(
      CHECKOUT,
      { input: { ...base, payments: [{ method: 'CARD', reference: '4000000000000002' }] } },
      fx.cashier.token,
    );
    expect(declined.errors?.[0].extensions?.code).toBe('PAYMENT_DECLINED');
    const short = await t.gql(
      CHECKOUT,
      {
        input: {
          ...base,
          idempotencyKey: randomUUID(),
          items: [{ sku: 'A', quantity: 101 }],
          payments: [{ method: 'CASH' }],
        },
      },
      fx.cashier.token,
    );
    expect(short.errors?.[0].extensions?.code).toBe('INSUFFICIENT_STOCK');
    const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from sales where terminal_id = ?', [
      fx.terminalId,
    ]);
    expect(n).toBe(0);

    const card = await t.ok(
      CHECKOUT,
      { input: { ...base, idempotencyKey: randomUUID(), payments: [{ method: 'CARD', reference: APPROVED_CARD }] } },
      fx.cashier.token,
    );
    expect(card.checkout).toMatchObject({ status: 'COMPLETED', paymentMethod: 'CARD', totalAmount: '21.64' });

    const tooMany = await t.gql(
      CHECKOUT,
      {
        input: {
          ...base,
          items: Array.from({ length: 201 }, () => ({ sku: 'A', quantity: 1 })),
          payments: [{ method: 'CASH' }],
        },
      },
      fx.cashier.token,
    );
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const device = await t.ok(
      ISSUE_DEVICE_TOKEN,
      { input: { kind: 'DISPLAY', terminalId: fx.terminalId } },
      fx.ownerToken,
    );
    const byDevice = await t.gql(
      CHECKOUT,
      { input: { ...base, payments: [{ method: 'CASH' }] } },
      device.issueDeviceToken.token,
    );
    expect(byDevice.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await setupPos(t);
    const foreign = await t.gql(
      CHECKOUT,
      { input: { ...base, idempotencyKey: randomUUID(), payments: [{ method: 'CASH' }] } },
      other.cashier.token,
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
