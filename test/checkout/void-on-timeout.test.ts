import { setTimeout as sleep } from 'node:timers/promises';
import { addItem, newCart, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { pay } from './checkout-support';

/** docs/payments.md's void-on-timeout policy, run by the real job worker. */
describe('checkout: void on gateway timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ jobs: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an authorization approved behind a timeout is voided by the job; the payment stays FAILED', async () => {
    const fx = await setupPos(t, { products: [{ sku: 'P', price: '5.00' }] });
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'P', 1);
    const res = await pay(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', reference: '4000000000000119' });
    expect(codeOf(res)).toBe('PAYMENT_DECLINED');
    let row: { status: string; gateway_response: any } | undefined;
    for (let i = 0; i < 40; i++) {
      [row] = await t.sql(`select status, gateway_response from sale_payments where sale_id = ?`, [cart.id]);
      if (row?.gateway_response?.void) break;
      await sleep(500);
    }
    expect(row!.status).toBe('FAILED');
    expect(row!.gateway_response.error).toBe('timeout');
    expect(row!.gateway_response.void).toBeTruthy();
  }, 40_000);
});
