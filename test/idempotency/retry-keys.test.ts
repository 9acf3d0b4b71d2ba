import { randomUUID } from 'node:crypto';
import { cashSale, VOID_SALE } from '../checkout/checkout-support';
import { RECORD_CASH_MOVEMENT } from '../support/operations';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let fx: PosFixture;
beforeAll(async () => {
  t = await startTestApp();
  fx = await setupPos(t, { products: [{ sku: 'TEA', price: '3.00' }] });
});
afterAll(() => t.close());

describe('recordCashMovement with an idempotencyKey', () => {
  it('records one movement however often the same request is retried, and refuses the key for another', async () => {
    const input = {
      sessionId: fx.sessionId,
      type: 'PAY_OUT',
      amount: '7.50',
      reason: 'courier',
      idempotencyKey: randomUUID(),
    };
    const [first, second] = await Promise.all([
      t.ok(RECORD_CASH_MOVEMENT, { input }, fx.ownerToken),
      t.ok(RECORD_CASH_MOVEMENT, { input }, fx.ownerToken),
    ]);
    expect(second.recordCashMovement).toEqual(first.recordCashMovement);
    const rows = await t.sql<{ n: string }>(
      'select count(*) as n from cash_movements where session_id = ? and reason = ?',
      [fx.sessionId, 'courier'],
    );
    expect(rows).toEqual([{ n: '1' }]);

    const reused = await t.gql(RECORD_CASH_MOVEMENT, { input: { ...input, amount: '8.00' } }, fx.ownerToken);
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses an over-long key as bad input', async () => {
    const input = {
      sessionId: fx.sessionId,
      type: 'PAY_IN',
      amount: '1.00',
      reason: 'float',
      idempotencyKey: 'k'.repeat(101),
    };
    const res = await t.gql(RECORD_CASH_MOVEMENT, { input }, fx.ownerToken);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });
});

describe('voidSale with an idempotencyKey', () => {
  it('voids once (one restock movement) when retried, and refuses the key for another sale', async () => {
    const sale = await cashSale(t, fx, { TEA: 2 });
    const input = { saleId: sale.id, reason: 'wrong customer', idempotencyKey: randomUUID() };
    const first = await t.ok(VOID_SALE, { input }, fx.ownerToken);
    const again = await t.ok(VOID_SALE, { input }, fx.ownerToken);
    expect(first.voidSale.status).toBe('VOIDED');
    expect(again.voidSale).toEqual(first.voidSale);
    const movements = await t.sql<{ n: string }>(
      `select count(*) as n from stock_movements where reference_id = ? and reference_type = 'VOID'`,
      [sale.id],
    );
    expect(movements).toEqual([{ n: '1' }]);

    const other = await cashSale(t, fx, { TEA: 1 });
    const reused = await t.gql(VOID_SALE, { input: { ...input, saleId: other.id } }, fx.ownerToken);
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await t.sql<{ status: string }>('select status from sales where id = ?', [other.id]))[0].status).toBe(
      'COMPLETED',
    );
  });
});
