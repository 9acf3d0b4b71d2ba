import { randomUUID } from 'node:crypto';
import { addItem, newCart, PosFixture, setupPos, stockOf } from '../support/pos-fixtures';
import { userWithRole } from '../support/fixtures';
import { CLOSE_SESSION } from '../support/operations';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  APPROVED_CARD,
  cashSale,
  complete,
  CREATE_REFUND,
  payOk,
  RECEIPT,
  REFUND,
  SALE,
  SALES,
  VOID_SALE,
} from './checkout-support';

describe('checkout: refunds, voids, reads and access', () => {
  let t: TestApp;
  let fx: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      products: [
        { sku: 'TEN', price: '10.00', stock: 50 },
        { sku: 'ONE', price: '1.00', stock: 50 },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const refund = (input: Record<string, unknown>, token = fx.cashier.token) =>
    t.gql(CREATE_REFUND, { input: { reason: 'customer return', idempotencyKey: randomUUID(), ...input } }, token);
  const saleOf = async (id: string) => (await t.ok(SALE, { id }, fx.cashier.token)).sale;
  const refundCount = async (saleId: string) =>
    (await t.sql(`select count(*)::int as n from sale_refunds where sale_id = ?`, [saleId]))[0].n as number;

  it('refunds a line unit by unit (3.33, 3.34, 3.33) until REFUNDED; more units or money is REFUND_EXCEEDS_SALE', async () => {
    await t.sql(`update products set price = 3.3333 where id = ?`, [fx.products.ONE.id]);
    const sale = await cashSale(t, fx, { ONE: 3 });
    await t.sql(`update products set price = 1.00 where id = ?`, [fx.products.ONE.id]);
    expect(sale.totalAmount).toBe('10.00');
    const line = sale.items[0];
    const before = await stockOf(t, fx.ownerToken, fx.locationId, fx.products.ONE.id);

    const tooMany = await refund({
      saleId: sale.id,
      items: [{ saleItemId: line.id, quantity: 4 }],
      method: 'CASH',
      sessionId: fx.sessionId,
    });
    expect(codeOf(tooMany)).toBe('REFUND_EXCEEDS_SALE');
    const tooMuch = await refund({ saleId: sale.id, amount: '10.01', method: 'CASH', sessionId: fx.sessionId });
    expect(codeOf(tooMuch)).toBe('REFUND_EXCEEDS_SALE');
    expect(await refundCount(sale.id)).toBe(0);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.ONE.id)).toEqual(before);

    const amounts = [];
    for (let i = 0; i < 3; i++) {
      const res = await refund({
        saleId: sale.id,
        items: [{ saleItemId: line.id, quantity: 1, returnToStock: i !== 2 }],
        method: 'CASH',
        sessionId: fx.sessionId,
      });
      expect(res.errors).toBeUndefined();
      amounts.push(res.data!.createRefund.amount);
    }
    expect(amounts).toEqual(['3.33', '3.34', '3.33']);
    expect((await saleOf(sale.id)).status).toBe('REFUNDED');
    // Two of the three units went back on the shelf.
    expect((await stockOf(t, fx.ownerToken, fx.locationId, fx.products.ONE.id)).onHand).toBe(before.onHand + 2);
    const fourth = await refund({
      saleId: sale.id,
      items: [{ saleItemId: line.id, quantity: 1 }],
      method: 'CASH',
      sessionId: fx.sessionId,
    });
    expect(codeOf(fourth)).toBe('SALE_NOT_EDITABLE');
  });

  it('an amount-only refund leaves stock alone; the rest of the money can still go back by amount', async () => {
    const sale = await cashSale(t, fx, { TEN: 1 });
    const onHand = (await stockOf(t, fx.ownerToken, fx.locationId, fx.products.TEN.id)).onHand;
    const first = await refund({ saleId: sale.id, amount: '4.00', method: 'CASH', sessionId: fx.sessionId });
    expect(first.data!.createRefund).toMatchObject({
      amount: '4.00',
      items: [],
      sale: { status: 'PARTIALLY_REFUNDED' },
    });
    expect(codeOf(await refund({ saleId: sale.id, amount: '6.01', method: 'CASH', sessionId: fx.sessionId }))).toBe(
      'REFUND_EXCEEDS_SALE',
    );
    const rest = await refund({ saleId: sale.id, amount: '6.00', method: 'CASH', sessionId: fx.sessionId });
    expect(rest.data!.createRefund.sale.status).toBe('REFUNDED');
    expect((await stockOf(t, fx.ownerToken, fx.locationId, fx.products.TEN.id)).onHand).toBe(onHand);
  });

  it('a card refund goes back to the original transaction, at most what the card paid; a retry refunds once', async () => {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'TEN', 2);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', amount: '15.00', reference: APPROVED_CARD });
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH' });
    await complete(t, fx.cashier.token, cart.id);
    expect(codeOf(await refund({ saleId: cart.id, amount: '15.01', method: 'CARD' }))).toBe('REFUND_EXCEEDS_SALE');
    const input = { saleId: cart.id, amount: '12.00', method: 'CARD', reason: 'damaged', idempotencyKey: randomUUID() };
    const [a, b] = await Promise.all([
      t.ok(CREATE_REFUND, { input }, fx.cashier.token),
      t.ok(CREATE_REFUND, { input }, fx.cashier.token),
    ]);
    expect(a.createRefund.id).toBe(b.createRefund.id);
    expect(a.createRefund.transactionRef).toBeTruthy();
    const sale = await saleOf(cart.id);
    expect(sale.refunds).toHaveLength(1);
    expect(sale.payments.find((p: any) => p.method === 'CARD').status).toBe('PARTIALLY_REFUNDED');
    // Only 3.00 of card money is left.
    expect(codeOf(await refund({ saleId: cart.id, amount: '3.01', method: 'CARD' }))).toBe('REFUND_EXCEEDS_SALE');
  });

  it('a cash refund needs an open session', async () => {
    const sale = await cashSale(t, fx, { ONE: 1 });
    const res = await refund({ saleId: sale.id, amount: '1.00', method: 'CASH' });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('sessionId');
  });

  it("a MANAGER voids a completed sale of an open session: stock back, payments reversed; a CASHIER needs a manager's approval", async () => {
    const sale = await cashSale(t, fx, { TEN: 2 });
    const before = await stockOf(t, fx.ownerToken, fx.locationId, fx.products.TEN.id);
    const denied = await t.gql(VOID_SALE, { input: { saleId: sale.id, reason: 'wrong item' } }, fx.cashier.token);
    expect(codeOf(denied)).toBe('APPROVAL_REQUIRED'); // test/approvals: with a PIN or token it voids
    const manager = await userWithRole(t, fx.tenant, 'MANAGER');
    const voided = (await t.ok(VOID_SALE, { input: { saleId: sale.id, reason: 'wrong item' } }, manager.token))
      .voidSale;
    expect(voided).toMatchObject({ status: 'VOIDED', voidReason: 'wrong item', saleNumber: sale.saleNumber });
    expect(voided.voidedAt).toBeTruthy();
    expect(voided.payments.map((p: any) => p.status)).toEqual(['REFUNDED']);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.TEN.id)).toEqual({
      ...before,
      onHand: before.onHand + 2,
      available: before.available + 2,
    });
    const movements = await t.sql(
      `select type, quantity from stock_movements where reference_id = ? order by created_at`,
      [sale.id],
    );
    expect(movements.map((m: any) => [m.type, Number(m.quantity)])).toEqual([
      ['OUT', -2],
      ['IN', 2],
    ]);
    // Voided sales cannot be refunded.
    expect(codeOf(await refund({ saleId: sale.id, amount: '1.00', method: 'CASH', sessionId: fx.sessionId }))).toBe(
      'SALE_NOT_EDITABLE',
    );
  });

  it('voiding a partly paid cart reverses its card payment at the gateway and releases its reservations', async () => {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'TEN', 1);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CARD', amount: '4.00', reference: APPROVED_CARD });
    const voided = (await t.ok(VOID_SALE, { input: { saleId: cart.id, reason: 'customer left' } }, fx.ownerToken))
      .voidSale;
    expect(voided.status).toBe('VOIDED');
    expect(voided.payments[0].status).toBe('REFUNDED');
    const [row] = await t.sql(`select gateway_response from sale_payments where sale_id = ?`, [cart.id]);
    expect(row.gateway_response.void).toBeTruthy();
    const held = await t.sql(
      `select count(*)::int as n from stock_reservations where reference_id = ? and released = false`,
      [cart.id],
    );
    expect(held[0].n).toBe(0);
  });

  it('voiding a sale of a closed session is refused and points to refunds; nothing changes', async () => {
    const other = await setupPos(t, { products: [{ sku: 'X', price: '3.00' }] });
    const sale = await cashSale(t, other, { X: 1 });
    await t.ok(CLOSE_SESSION, { input: { sessionId: other.sessionId, closingBalance: '103.00' } }, other.ownerToken);
    const res = await t.gql(VOID_SALE, { input: { saleId: sale.id, reason: 'late' } }, other.ownerToken);
    expect(codeOf(res)).toBe('SALE_NOT_EDITABLE');
    expect(res.errors![0].message).toMatch(/refund/i);
    const after = (await t.ok(SALE, { id: sale.id }, other.ownerToken)).sale;
    expect(after).toMatchObject({ status: 'COMPLETED', version: sale.version, voidedAt: null });
  });

  it('receipt, sale, sales and refund reads; another tenant gets NOT_FOUND / null', async () => {
    const sale = await cashSale(t, fx, { ONE: 2 });
    const r = (await refund({ saleId: sale.id, amount: '0.50', method: 'CASH', sessionId: fx.sessionId })).data!
      .createRefund;
    const receipt = (await t.ok(RECEIPT, { saleId: sale.id }, fx.cashier.token)).receipt;
    expect(receipt).toMatchObject({ saleNumber: sale.saleNumber, totalAmount: '2.00', status: 'PARTIALLY_REFUNDED' });
    expect(receipt.text).toContain(sale.saleNumber);
    expect(receipt.text).toContain('2.00');
    expect(receipt.text.split('\n').every((line: string) => line.length <= 42)).toBe(true);

    const page = (
      await t.ok(
        SALES,
        { filter: { status: 'PARTIALLY_REFUNDED', terminalId: fx.terminalId }, first: 50 },
        fx.cashier.token,
      )
    ).sales;
    expect(page.edges.map((e: any) => e.node.id)).toContain(sale.id);
    const firstPage = (await t.ok(SALES, { first: 1 }, fx.cashier.token)).sales;
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const secondPage = (await t.ok(SALES, { first: 1, after: firstPage.pageInfo.endCursor }, fx.cashier.token)).sales;
    expect(secondPage.edges[0].node.id).not.toBe(firstPage.edges[0].node.id);
    expect((await t.ok(REFUND, { id: r.id }, fx.cashier.token)).refund).toMatchObject({
      refundNumber: r.refundNumber,
      amount: '0.50',
    });

    const stranger = await setupPos(t, {});
    expect((await t.ok(SALE, { id: sale.id }, stranger.ownerToken)).sale).toBeNull();
    expect((await t.ok(REFUND, { id: r.id }, stranger.ownerToken)).refund).toBeNull();
    expect((await t.ok(SALES, {}, stranger.ownerToken)).sales.totalCount).toBe(0);
    expect(codeOf(await t.gql(RECEIPT, { saleId: sale.id }, stranger.ownerToken))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(VOID_SALE, { input: { saleId: sale.id, reason: 'x' } }, stranger.ownerToken))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await refund({ saleId: sale.id, amount: '0.10', method: 'CARD' }, stranger.ownerToken))).toBe(
      'NOT_FOUND',
    );
  });
});
