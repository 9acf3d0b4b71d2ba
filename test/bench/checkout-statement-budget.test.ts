import { randomUUID } from 'node:crypto';
import { setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The statement budget of one full checkout as a register sends it
 * (createCart, addCartItem x3 by sku, addPayment CASH with change,
 * completeSale), BEGIN/COMMIT and auth lookups included. A count, not a
 * timing: it fails the day an N+1 or a needless re-read creeps into the
 * checkout path.
 *
 * Issue 9's target: at most 40 (each one listed in docs/benchmarks.md).
 */
const BUDGET = 40;

const CREATE_CART = `mutation($input: CreateCartInput!) { createCart(input: $input) { id version } }`;
const ADD_ITEM = `mutation($input: AddCartItemInput!) { addCartItem(input: $input) { id version totalAmount } }`;
const ADD_PAYMENT = `mutation($input: AddPaymentInput!) { addPayment(input: $input) { changeDue sale { id status } } }`;
const COMPLETE = `mutation($input: CompleteSaleInput!) { completeSale(input: $input) { id status saleNumber } }`;

describe('checkout statement budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(`sends at most ${BUDGET} SQL statements for one full checkout`, async () => {
    const fx = await setupPos(t, {
      products: [
        { sku: 'A', price: '19.99', taxRate: '0.0825' },
        { sku: 'B', price: '4.49', taxRate: '0.0825' },
        { sku: 'C', price: '0.99' },
      ],
    });
    const token = fx.cashier.token;
    const checkout = async () => {
      const cart = (await t.ok(CREATE_CART, { input: { terminalId: fx.terminalId } }, token)).createCart;
      let version = cart.version;
      for (const sku of ['A', 'B', 'C']) {
        version = (await t.ok(ADD_ITEM, { input: { cartId: cart.id, sku, quantity: 1, version } }, token)).addCartItem
          .version;
      }
      const paid = await t.ok(
        ADD_PAYMENT,
        { input: { saleId: cart.id, method: 'CASH', receivedAmount: '50', idempotencyKey: randomUUID() } },
        token,
      );
      expect(paid.addPayment.changeDue).toBe('22.51');
      const done = await t.ok(COMPLETE, { input: { saleId: cart.id, idempotencyKey: randomUUID() } }, token);
      expect(done.completeSale.status).toBe('COMPLETED');
    };
    await checkout(); // warm caches the way a running register would
    const { count, statements } = await t.countQueries(checkout);
    if (count > BUDGET) console.log(statements.join('\n'));
    expect(count).toBeLessThanOrEqual(BUDGET);
  });
});
