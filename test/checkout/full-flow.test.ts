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
import { CLOSE_SESSION, OPEN_SESSION, RECEIVE_STOCK, RECORD_CASH_MOVEMENT } from '../support/operations';
import { startTestApp, TestApp } from '../support/test-app';
import { CREATE_REFUND, payOk, RECEIPT, SALE, complete } from './checkout-support';

/**
 * The issue's first Must-show: docs/money.md Example 1 paid in cash, completed
 * (stock and COGS for FIFO and LIFO), one unit of line A refunded to cash,
 * and the session closed with Example 6's figures.
 */
describe('checkout: the full flow through GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['FIFO', '7.00', '2.3333'],
    ['LIFO', '9.00', '3.00'],
  ])(
    '%s: pay 100.00 cash, change 36.28, complete, refund 1 x A, close with variance -0.02',
    async (costingMethod, costA, unitCostA) => {
      const fx = await setupPos(t, {
        tenant: { costingMethod },
        products: [
          { sku: 'A', price: '19.99', taxRate: '0.0825', stock: 0 },
          { sku: 'B', price: '4.49', taxRate: '0.0825' },
          { sku: 'C', price: '0.99', taxRate: '0' },
        ],
      });
      const a = fx.products.A.id;
      // Two cost layers for A: 2 @ 2.00, then 5 @ 3.00.
      await t.ok(
        RECEIVE_STOCK,
        { input: { locationId: fx.locationId, lines: [{ productId: a, quantity: 2, unitCost: '2.00' }] } },
        fx.ownerToken,
      );
      await t.ok(
        RECEIVE_STOCK,
        { input: { locationId: fx.locationId, lines: [{ productId: a, quantity: 5, unitCost: '3.00' }] } },
        fx.ownerToken,
      );

      // A register of our own, opened with 200.00 (Example 6).
      const register = await addRegister(t, fx.ownerToken, fx.locationId, { open: false });
      const opened = await t.ok(
        OPEN_SESSION,
        { input: { terminalId: register.terminalId, openingBalance: '200.00' } },
        fx.cashier.token,
      );
      const sessionId = opened.openSession.id as string;
      const till = { ...fx, ...register, sessionId };

      const cart = await newCart(t, till);
      await addItem(t, till, cart.id, 'A', 3);
      await addItem(t, till, cart.id, 'B', 2);
      const withC = await addItem(t, till, cart.id, 'C', 1);
      const lineA = withC.items.find((i: any) => i.productId === a);
      await t.ok(
        APPLY_ITEM_DISCOUNT,
        { input: { cartId: cart.id, itemId: lineA.id, type: 'PERCENTAGE', value: '10', reason: 'loyal' } },
        fx.cashier.token,
      );
      const discounted = await t.ok(
        APPLY_CART_DISCOUNT,
        { input: { cartId: cart.id, type: 'FIXED_AMOUNT', value: '5.00', reason: 'promo' } },
        fx.cashier.token,
      );
      expect(discounted.applyCartDiscount).toMatchObject({
        subtotal: '69.94',
        discountAmount: '11.00',
        taxAmount: '4.78',
        totalAmount: '63.72',
      });

      const paid = await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '100.00' });
      expect(paid.changeDue).toBe('36.28');
      expect(paid.payment).toMatchObject({
        method: 'CASH',
        amount: '63.72',
        status: 'COMPLETED',
        receivedAmount: '100.00',
        changeGiven: '36.28',
      });
      expect(paid.sale).toMatchObject({
        status: 'PARTIALLY_PAID',
        paidAmount: '63.72',
        changeAmount: '36.28',
        amountDue: '0.00',
        paymentMethod: 'CASH',
      });

      const sale = await complete(t, fx.cashier.token, cart.id);
      expect(sale).toMatchObject({
        status: 'COMPLETED',
        saleNumber: `${register.terminalCode}-000001`,
        session: { id: sessionId },
      });
      expect(sale.completedAt).toBeTruthy();
      expect(sale.items.every((i: any) => i.costAmount === null && i.unitCost === null)).toBe(true); // a cashier reads no costs
      const costed = (await t.ok(SALE, { id: cart.id }, fx.ownerToken)).sale;
      const soldA = costed.items.find((i: any) => i.productId === a);
      expect(soldA).toMatchObject({ quantity: 3, costAmount: costA, unitCost: unitCostA, lineTotal: '53.85' });
      const soldB = costed.items.find((i: any) => i.productId === fx.products.B.id);
      expect(soldB).toMatchObject({ costAmount: '2.00', unitCost: '1.00' });
      expect(await stockOf(t, fx.ownerToken, fx.locationId, a)).toEqual({ onHand: 4, reserved: 0, available: 4 });
      const movements = await t.sql<{ quantity: number; cost: string }>(
        `select quantity, cost_amount::text as cost from stock_movements where tenant_id = (select tenant_id from sales where id = ?)
       and reference_id = ? and product_id = ?`,
        [cart.id, cart.id, a],
      );
      expect(movements.map((m) => [Number(m.quantity), Number(m.cost).toFixed(2)])).toEqual([[-3, costA]]);

      await t.ok(
        RECORD_CASH_MOVEMENT,
        { input: { sessionId, type: 'PAY_OUT', amount: '20.00', reason: 'window cleaner' } },
        fx.cashier.token,
      );
      const refund = await t.ok(
        CREATE_REFUND,
        {
          input: {
            saleId: cart.id,
            items: [{ saleItemId: lineA.id, quantity: 1 }],
            method: 'CASH',
            reason: 'broken',
            sessionId,
            idempotencyKey: randomUUID(),
          },
        },
        fx.cashier.token,
      );
      expect(refund.createRefund).toMatchObject({
        refundNumber: 'R-000001',
        amount: '17.95',
        method: 'CASH',
        status: 'COMPLETED',
        items: [{ saleItemId: lineA.id, quantity: 1, amount: '17.95', returnToStock: true }],
        sale: { id: cart.id, status: 'PARTIALLY_REFUNDED' },
        session: { id: sessionId },
      });
      // The returned unit is back on the shelf, with a cost layer at the line's unit cost.
      expect(await stockOf(t, fx.ownerToken, fx.locationId, a)).toEqual({ onHand: 5, reserved: 0, available: 5 });
      const layers = await t.sql<{ remaining: number; unit_cost: string; source: string }>(
        `select remaining, unit_cost::text as unit_cost, source from valuation_layers where product_id = ? and reference_id = ?`,
        [a, refund.createRefund.id],
      );
      expect(layers.map((l) => [l.source, Number(l.remaining), Number(l.unit_cost).toFixed(4)])).toEqual([
        ['REFUND', 1, Number(unitCostA).toFixed(4)],
      ]);

      const after = await t.ok(SALE, { id: cart.id }, fx.cashier.token);
      expect(after.sale.refunds).toEqual([{ id: refund.createRefund.id, refundNumber: 'R-000001', amount: '17.95' }]);

      const receipt = (await t.ok(RECEIPT, { saleId: cart.id }, fx.cashier.token)).receipt;
      expect(receipt.saleNumber).toBe(`${register.terminalCode}-000001`);
      expect(receipt.taxBreakdown).toEqual([
        { rate: '0.0825', taxableAmount: '58.03', taxAmount: '4.78' },
        { rate: '0.00', taxableAmount: '0.91', taxAmount: '0.00' },
      ]);
      expect(receipt.lines[0]).toMatchObject({ grossAmount: '59.97', discountAmount: '10.22', lineTotal: '53.85' });
      expect(receipt.text).toContain(`${register.terminalCode}-000001`);
      expect(receipt.text).toContain('63.72');
      expect(receipt.text).toContain('36.28');
      expect(receipt.text).toContain('R-000001');

      const closed = await t.ok(CLOSE_SESSION, { input: { sessionId, closingBalance: '225.75' } }, fx.cashier.token);
      expect(closed.closeSession).toMatchObject({
        status: 'CLOSED',
        openingBalance: '200.00',
        expectedBalance: '225.77',
        closingBalance: '225.75',
        variance: '-0.02',
      });
      expect(closed.closeSession.zReport).toMatchObject({
        salesCount: 1,
        grossSales: '69.94',
        discounts: '11.00',
        tax: '4.78',
        cashSales: '63.72',
        cashRefunds: '17.95',
        refunds: '17.95',
        cashOut: '20.00',
        netByPaymentMethod: [{ method: 'CASH', amount: '45.77' }],
      });
    },
  );
});
