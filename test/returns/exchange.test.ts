import { randomUUID } from 'node:crypto';
import { updateDailySummary } from '../../src/jobs/daily-summary.job';
import { userWithRole } from '../support/fixtures';
import { CREATE_CUSTOMER, ISSUE_DEVICE_TOKEN, RECEIVE_STOCK } from '../support/operations';
import { addItem, newCart, PosFixture, SET_CART_CUSTOMER, setupPos, stockOf } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { APPROVED_CARD, cashSale, COMPLETE_SALE, payOk } from '../checkout/checkout-support';
import { ADD_RETURN_ITEM, DAILY_SUMMARY, SESSION_CASH } from './support';

describe('returns: exchanges (returned goods on a cart)', () => {
  let t: TestApp;
  let fx: PosFixture;
  let original: { id: string; capLineId: string };

  const expectedCash = async () =>
    (await t.ok(SESSION_CASH, { id: fx.sessionId }, fx.ownerToken)).session.xReport.expectedCash as string;
  const onHand = async (sku: string) => (await stockOf(t, fx.ownerToken, fx.locationId, fx.products[sku].id)).onHand;
  const addReturn = (input: Record<string, unknown>) =>
    t.gql(ADD_RETURN_ITEM, { input: { returnToStock: true, reason: 'exchanged', ...input } }, fx.cashier.token);
  const completeCart = async (saleId: string, extra: Record<string, unknown> = {}) =>
    (await t.ok(COMPLETE_SALE, { input: { saleId, idempotencyKey: randomUUID(), ...extra } }, fx.cashier.token))
      .completeSale;
  const exchangeRefund = async (saleId: string) =>
    t.sql(
      `select refund_number, sale_id, amount::text as amount, method, session_id, location_id from sale_refunds
       where exchange_sale_id = ?`,
      [saleId],
    );
  const costOf = async (saleId: string) =>
    t.sql(`select product_id, unit_cost::text as unit_cost from sale_items where sale_id = ?`, [saleId]);

  beforeAll(async () => {
    t = await startTestApp();
    // Prices exclude tax (8 %); cash rounds to 0.05.
    fx = await setupPos(t, {
      tenant: { cashRoundingIncrement: '0.05' },
      products: [
        { sku: 'CAP', price: '10.00', taxRate: '0.08', stock: 0 },
        { sku: 'JACKET', price: '24.99', taxRate: '0.08', stock: 0 },
        { sku: 'SOCKS', price: '4.99', taxRate: '0.08', stock: 0 },
      ],
    });
    for (const [sku, unitCost] of [
      ['CAP', '3.00'],
      ['JACKET', '12.00'],
      ['SOCKS', '1.50'],
    ]) {
      await t.ok(
        RECEIVE_STOCK,
        { input: { locationId: fx.locationId, lines: [{ productId: fx.products[sku].id, quantity: 10, unitCost }] } },
        fx.ownerToken,
      );
    }
    const sale = await cashSale(t, fx, { CAP: 2 }); // 2 x 10.00 + 1.60 tax = 21.60
    expect(sale.totalAmount).toBe('21.60');
    original = { id: sale.id, capLineId: sale.items[0].id };
  });
  afterAll(async () => {
    await t.close();
  });

  it('a dearer new item: 26.99 - 10.80 = 16.19, paid 16.20 in cash; one sale number, stock out and in, one refund, drawer +16.20', async () => {
    const drawer = await expectedCash();
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'JACKET', 1);
    const res = await addReturn({ cartId: cart.id, saleItemId: original.capLineId, quantity: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addReturnItem).toMatchObject({ totalAmount: '26.99', returnAmount: '10.80', amountDue: '16.19' });
    expect(res.data!.addReturnItem.returnItems).toEqual([
      {
        saleItemId: original.capLineId,
        productId: fx.products.CAP.id,
        quantity: 1,
        amount: '10.80',
        taxAmount: '0.80',
        unitPrice: '10.00',
        returnToStock: true,
      },
    ]);
    const paid = await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '20.00' });
    expect([paid.payment.amount, paid.changeDue]).toEqual(['16.20', '3.80']);
    const [caps, jackets] = [await onHand('CAP'), await onHand('JACKET')];

    const sale = await completeCart(cart.id);
    expect(sale).toMatchObject({
      status: 'COMPLETED',
      totalAmount: '26.99',
      taxAmount: '2.00',
      roundingAdjustment: '0.01',
      paidAmount: '27.00',
      amountDue: '0.00',
    });
    expect(sale.saleNumber).toMatch(new RegExp(`^${fx.terminalCode}-\\d{6}$`));
    expect(await exchangeRefund(cart.id)).toEqual([
      {
        refund_number: 'R-000001',
        sale_id: original.id,
        amount: '10.8000',
        method: 'CASH',
        session_id: fx.sessionId,
        location_id: fx.locationId,
      },
    ]);
    expect([await onHand('CAP'), await onHand('JACKET')]).toEqual([caps + 1, jackets - 1]);
    expect(await costOf(cart.id)).toEqual([{ product_id: fx.products.JACKET.id, unit_cost: '12.0000' }]);
    const back = await t.sql(
      `select v.quantity, v.unit_cost::text as unit_cost from valuation_layers v
       join sale_refunds r on r.id::text = v.reference_id where r.exchange_sale_id = ?`,
      [cart.id],
    );
    expect(back).toEqual([{ quantity: 1, unit_cost: '3.0000' }]);
    const [{ status }] = await t.sql(`select status from sales where id = ?`, [original.id]);
    expect(status).toBe('PARTIALLY_REFUNDED');
    expect(Number(await expectedCash()) - Number(drawer)).toBeCloseTo(16.2, 10);
  });

  it('a cheaper new item: 5.39 - 10.80 = -5.41, the drawer pays out 5.40; the last unit makes the first sale REFUNDED', async () => {
    const drawer = await expectedCash();
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'SOCKS', 1);
    const res = await addReturn({ cartId: cart.id, saleItemId: original.capLineId, quantity: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addReturnItem).toMatchObject({ totalAmount: '5.39', returnAmount: '10.80', amountDue: '-5.41' });
    const tooMany = await addReturn({ cartId: cart.id, saleItemId: original.capLineId, quantity: 1 });
    expect(codeOf(tooMany)).toBe('REFUND_EXCEEDS_SALE');

    const sale = await completeCart(cart.id);
    expect(sale).toMatchObject({
      totalAmount: '5.39',
      roundingAdjustment: '0.01',
      paidAmount: '5.40',
      amountDue: '0.00',
    });
    expect(await exchangeRefund(cart.id)).toEqual([
      {
        refund_number: 'R-000002',
        sale_id: original.id,
        amount: '10.8000',
        method: 'CASH',
        session_id: fx.sessionId,
        location_id: fx.locationId,
      },
    ]);
    expect(await costOf(cart.id)).toEqual([{ product_id: fx.products.SOCKS.id, unit_cost: '1.5000' }]);
    const [{ status }] = await t.sql(`select status from sales where id = ?`, [original.id]);
    expect(status).toBe('REFUNDED');
    expect(Number(await expectedCash()) - Number(drawer)).toBeCloseTo(-5.4, 10);
  });

  it('the day counts the returns as refunds, not negative sales: revenue 53.98, refunds 21.60, cash 32.40, COGS 13.50', async () => {
    const [{ completed_at: at }] = await t.sql(`select completed_at from sales where id = ?`, [original.id]);
    const [{ tenant_id: tenantId }] = await t.sql(`select tenant_id from sales where id = ?`, [original.id]);
    const date = new Date(at).toISOString().slice(0, 10);
    await updateDailySummary(t.app.services, { tenantId, locationId: fx.locationId, date });
    const daily = await t.ok(DAILY_SUMMARY, { date, locationId: fx.locationId }, fx.ownerToken);
    // Sales 21.60 + 26.99 + 5.39; refunds 10.80 twice; cash 21.60 + 27.00 + 5.40 - 21.60;
    // COGS 2 x 3.00 + 12.00 + 1.50 - 2 x 3.00 back.
    expect(daily.dailySalesSummary).toEqual([
      {
        totalSales: 3,
        totalRevenue: '53.98',
        totalCOGS: '13.50',
        totalTax: '4.00',
        totalRefunds: '21.60',
        cashTotal: '32.40',
        otherTotal: '0.00',
      },
    ]);
    expect(await expectedCash()).toBe('132.40');
  });

  it("the refund is audited; another tenant's sale line is NOT_FOUND, quantity 0 BAD_USER_INPUT, a display token FORBIDDEN", async () => {
    const audit = await t.sql(
      `select count(*)::int as n from audit_events a join sale_refunds r on r.id::text = a.subject_id::text
       where a.type = 'refund.created' and r.exchange_sale_id is not null and r.sale_id = ?`,
      [original.id],
    );
    expect(audit[0].n).toBe(2);
    const other = await setupPos(t, { products: [{ sku: 'HAT', price: '5.00' }] });
    const foreign = await cashSale(t, other, { HAT: 1 });
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'SOCKS', 1);
    expect(codeOf(await addReturn({ cartId: cart.id, saleItemId: foreign.items[0].id, quantity: 1 }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await addReturn({ cartId: cart.id, saleItemId: original.capLineId, quantity: 0 }))).toBe(
      'BAD_USER_INPUT',
    );
    const display = await t.ok(
      ISSUE_DEVICE_TOKEN,
      { input: { terminalId: fx.terminalId, kind: 'DISPLAY' } },
      fx.ownerToken,
    );
    const forbidden = await t.gql(
      ADD_RETURN_ITEM,
      { input: { cartId: cart.id, saleItemId: original.capLineId, quantity: 1, returnToStock: true, reason: 'x' } },
      display.issueDeviceToken.token,
    );
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
  });

  it('a completed exchange cannot be voided (its return is paid out already): SALE_NOT_EDITABLE, nothing changes', async () => {
    const bought = await cashSale(t, fx, { CAP: 1 });
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'JACKET', 1);
    await addReturn({ cartId: cart.id, saleItemId: bought.items[0].id, quantity: 1 });
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH', receivedAmount: '20.00' });
    await completeCart(cart.id);
    const drawer = await expectedCash();
    const voided = await t.gql(
      `mutation($input: VoidSaleInput!) { voidSale(input: $input) { id status } }`,
      { input: { saleId: cart.id, reason: 'changed mind', idempotencyKey: randomUUID() } },
      fx.ownerToken,
    );
    expect(codeOf(voided)).toBe('SALE_NOT_EDITABLE');
    const [{ status }] = await t.sql(`select status from sales where id = ?`, [cart.id]);
    expect(status).toBe('COMPLETED');
    expect(await expectedCash()).toBe(drawer);
  });

  it('a line without its sale needs a manager (APPROVAL_REQUIRED)', async () => {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'SOCKS', 1);
    const res = await addReturn({ cartId: cart.id, sku: 'CAP', quantity: 1 });
    expect(codeOf(res)).toBe('APPROVAL_REQUIRED');
  });

  it("a store-credit pay-out: the net 5.41 goes to the customer's balance, unrounded, the drawer untouched", async () => {
    const bought = await cashSale(t, fx, { CAP: 1 });
    const customer = (await t.ok(CREATE_CUSTOMER, { input: { name: 'Ada' } }, fx.ownerToken)).createCustomer;
    const drawer = await expectedCash();
    const cart = await newCart(t, fx);
    await t.ok(SET_CART_CUSTOMER, { input: { cartId: cart.id, customerId: customer.id } }, fx.cashier.token);
    await addItem(t, fx, cart.id, 'SOCKS', 1);
    await addReturn({ cartId: cart.id, saleItemId: bought.items[0].id, quantity: 1 });
    const sale = await completeCart(cart.id, { payoutMethod: 'CREDIT' });
    expect(sale).toMatchObject({ totalAmount: '5.39', roundingAdjustment: '0.00', paidAmount: '5.39' });
    const [refund] = await t.sql(
      `select amount::text as amount, method, customer_id from sale_refunds where exchange_sale_id = ?`,
      [cart.id],
    );
    expect(refund).toEqual({ amount: '10.8000', method: 'CREDIT', customer_id: customer.id });
    const [{ balance }] = await t.sql(`select store_credit_balance::text as balance from customers where id = ?`, [
      customer.id,
    ]);
    expect(balance).toBe('5.4100');
    expect(await expectedCash()).toBe(drawer);
  });

  it('a card pay-out: 5.39 - 10.80 goes back to the original card as 5.41 at the gateway, the drawer untouched', async () => {
    const bought = await newCart(t, fx);
    await addItem(t, fx, bought.id, 'CAP', 1);
    await payOk(t, fx.cashier.token, { saleId: bought.id, method: 'CARD', reference: APPROVED_CARD });
    const cardSale = await completeCart(bought.id);
    expect(cardSale.totalAmount).toBe('10.80');
    const drawer = await expectedCash();

    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'SOCKS', 1);
    await addReturn({ cartId: cart.id, saleItemId: cardSale.items[0].id, quantity: 1 });
    const sale = await completeCart(cart.id, { payoutMethod: 'CARD' });
    // No cash rounding: nothing crosses the counter in cash.
    expect(sale).toMatchObject({ totalAmount: '5.39', roundingAdjustment: '0.00', paidAmount: '5.39' });
    const [refund] = await t.sql(
      `select amount::text as amount, method, sale_id, transaction_ref from sale_refunds where exchange_sale_id = ?`,
      [cart.id],
    );
    expect(refund).toMatchObject({ amount: '10.8000', method: 'CARD', sale_id: bought.id });
    expect(refund.transaction_ref).toEqual(expect.any(String));
    const [card] = await t.sql(
      `select refunded_amount::text as refunded, status from sale_payments where sale_id = ? and method = 'CARD'`,
      [bought.id],
    );
    expect(card).toEqual({ refunded: '5.4100', status: 'PARTIALLY_REFUNDED' });
    const [atGateway] = await t.sql(
      `select refunded::text as refunded from simulator_transactions where transaction_ref = (
         select transaction_ref from sale_payments where sale_id = ? and method = 'CARD')`,
      [bought.id],
    );
    expect(atGateway.refunded).toBe('5.4100');
    expect(await expectedCash()).toBe(drawer);

    // A card pay-out needs the returned goods' sale.
    const unlinked = await newCart(t, fx);
    await addItem(t, fx, unlinked.id, 'SOCKS', 1);
    await userWithRole(t, fx.tenant, 'MANAGER', '4712');
    const manager = { approvedByPin: '4712' };
    const added = await t.gql(
      ADD_RETURN_ITEM,
      {
        input: {
          cartId: unlinked.id,
          sku: 'JACKET',
          quantity: 1,
          returnToStock: true,
          reason: 'no receipt',
          ...manager,
        },
      },
      fx.cashier.token,
    );
    expect(added.errors).toBeUndefined();
    const refused = await t.gql(
      COMPLETE_SALE,
      { input: { saleId: unlinked.id, idempotencyKey: randomUUID(), payoutMethod: 'CARD' } },
      fx.cashier.token,
    );
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  });
});
