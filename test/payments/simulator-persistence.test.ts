import { randomUUID } from 'node:crypto';
import { APPROVED_CARD, complete, CREATE_REFUND, payOk } from '../checkout/checkout-support';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('simulator: its ledger survives a restart', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  let fx: PosFixture;
  beforeAll(async () => {
    first = await startTestApp();
    fx = await setupPos(first, { products: [{ sku: 'TEN', price: '10.00', stock: 20 }] });
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('refunds a card sale taken by an earlier server process', async () => {
    const cart = await newCart(first, fx);
    await addItem(first, fx, cart.id, 'TEN', 2);
    await payOk(first, fx.cashier.token, {
      saleId: cart.id,
      method: 'CARD',
      amount: '20.00',
      reference: APPROVED_CARD,
    });
    await complete(first, fx.cashier.token, cart.id);
    const [payment] = await first.sql('select transaction_ref from sale_payments where sale_id = ?', [cart.id]);
    const [ledger] = await first.sql(
      'select state, captured::text as captured from simulator_transactions where transaction_ref = ?',
      [payment.transaction_ref],
    );
    expect(ledger).toEqual({ state: 'CAPTURED', captured: '20.0000' });

    // A new process on the same database: nothing of the first one's memory is left to it.
    second = await startTestApp({ sameDatabaseAs: first });
    const input = { saleId: cart.id, amount: '7.50', method: 'CARD', reason: 'damaged', idempotencyKey: randomUUID() };
    const res = await second.ok(CREATE_REFUND, { input }, fx.cashier.token);
    expect(res.createRefund).toMatchObject({ amount: '7.50', transactionRef: payment.transaction_ref });
    const [after] = await second.sql(
      'select refunded::text as refunded from simulator_transactions where transaction_ref = ?',
      [payment.transaction_ref],
    );
    expect(after.refunded).toBe('7.5000');
  });
});
