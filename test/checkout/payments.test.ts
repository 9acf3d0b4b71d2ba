import { randomUUID } from 'node:crypto';
import { SET_CART_CUSTOMER, addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { CREATE_CUSTOMER } from '../support/operations';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { ADD_PAYMENT, APPROVED_CARD, DECLINED_CARD, SALE, complete, pay, payOk } from './checkout-support';

describe('checkout: payments', () => {
  let t: TestApp;
  let fx: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      tenant: { cashRoundingIncrement: '0.05' },
      products: [
        { sku: 'TEN02', price: '10.02' },
        { sku: 'TEN03', price: '10.03' },
        { sku: 'FIVE', price: '5.00' },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function cartOf(sku: string) {
    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, sku, 1);
    return cart.id as string;
  }

  const saleOf = async (id: string) => (await t.ok(SALE, { id }, fx.cashier.token)).sale;

  it.each([
    ['TEN02', '5.02', '5.00', '-0.02', '10.00', '5.00'],
    ['TEN03', '5.03', '5.05', '0.02', '10.05', '4.95'],
  ])(
    'split tender on %s: card 5.00, a declined card, then cash rounds %s to %s',
    async (sku, due, cashDue, adjustment, paid, change) => {
      const saleId = await cartOf(sku);
      const card = await payOk(t, fx.cashier.token, {
        saleId,
        method: 'CARD',
        amount: '5.00',
        reference: APPROVED_CARD,
      });
      expect(card.payment).toMatchObject({ method: 'CARD', amount: '5.00', status: 'COMPLETED' });
      expect(card.payment.transactionRef).toMatch(/^sim_/);
      expect(card.sale).toMatchObject({ status: 'PARTIALLY_PAID', amountDue: due, roundingAdjustment: '0.00' });

      const declined = await pay(t, fx.cashier.token, {
        saleId,
        method: 'CARD',
        amount: '3.00',
        reference: DECLINED_CARD,
      });
      expect(codeOf(declined)).toBe('PAYMENT_DECLINED');
      expect(declined.errors![0].extensions!.reason).toBe('card_declined');
      const afterDecline = await saleOf(saleId);
      expect(afterDecline).toMatchObject({ status: 'PARTIALLY_PAID', paidAmount: '5.00', amountDue: due });
      expect(afterDecline.payments.map((p: any) => [p.method, p.status, p.failureReason])).toEqual([
        ['CARD', 'COMPLETED', null],
        ['CARD', 'FAILED', 'card_declined'],
      ]);
      expect(afterDecline.payments[0].reference).toBe('4242');

      const cash = await payOk(t, fx.cashier.token, { saleId, method: 'CASH', receivedAmount: '10.00' });
      expect(cash.payment).toMatchObject({ amount: cashDue, receivedAmount: '10.00', changeGiven: change });
      expect(cash.changeDue).toBe(change);
      expect(cash.sale).toMatchObject({
        roundingAdjustment: adjustment,
        paidAmount: paid,
        amountDue: '0.00',
        paymentMethod: 'SPLIT',
      });
      expect((await complete(t, fx.cashier.token, saleId)).status).toBe('COMPLETED');
    },
  );

  it('never rounds card payments; a card paying the rest settles exactly', async () => {
    const saleId = await cartOf('TEN03');
    const card = await payOk(t, fx.cashier.token, { saleId, method: 'CARD', reference: APPROVED_CARD });
    expect(card.sale).toMatchObject({
      paidAmount: '10.03',
      roundingAdjustment: '0.00',
      amountDue: '0.00',
      paymentMethod: 'CARD',
    });
  });

  it('a card above the amount due is OVERPAYMENT and writes nothing', async () => {
    const saleId = await cartOf('TEN03');
    const before = await saleOf(saleId);
    const res = await pay(t, fx.cashier.token, { saleId, method: 'CARD', amount: '10.04', reference: APPROVED_CARD });
    expect(codeOf(res)).toBe('OVERPAYMENT');
    const after = await saleOf(saleId);
    expect(after).toMatchObject({ version: before.version, status: 'DRAFT', paidAmount: '0.00', payments: [] });
    const rows = await t.sql("select count(*)::int as n from idempotency_records where response->>'saleId' = ?", [
      saleId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('completing before the sale is fully paid is PAYMENT_REQUIRED', async () => {
    const saleId = await cartOf('FIVE');
    await payOk(t, fx.cashier.token, { saleId, method: 'CASH', amount: '2.00' });
    const res = await t.gql(
      `mutation($input: CompleteSaleInput!) { completeSale(input: $input) { id } }`,
      { input: { saleId } },
      fx.cashier.token,
    );
    expect(codeOf(res)).toBe('PAYMENT_REQUIRED');
    expect((await saleOf(saleId)).saleNumber).toBeNull();
  });

  it('cash received below the amount is BAD_USER_INPUT on receivedAmount', async () => {
    const saleId = await cartOf('FIVE');
    const res = await pay(t, fx.cashier.token, { saleId, method: 'CASH', receivedAmount: '4.00' });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('receivedAmount');
  });

  it('a retried addPayment returns the first result without charging twice; another input is IDEMPOTENCY_KEY_REUSED', async () => {
    const saleId = await cartOf('FIVE');
    const input = { saleId, method: 'CARD', amount: '2.00', reference: APPROVED_CARD, idempotencyKey: randomUUID() };
    const results = await Promise.all([1, 2, 3].map(() => t.ok(ADD_PAYMENT, { input }, fx.cashier.token)));
    expect(new Set(results.map((r) => r.addPayment.payment.id)).size).toBe(1);
    const sale = await saleOf(saleId);
    expect(sale.paidAmount).toBe('2.00');
    expect(sale.payments).toHaveLength(1);
    const reused = await t.gql(ADD_PAYMENT, { input: { ...input, amount: '1.00' } }, fx.cashier.token);
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a replayed decline answers PAYMENT_DECLINED again with the same FAILED payment', async () => {
    const saleId = await cartOf('FIVE');
    const input = { saleId, method: 'CARD', reference: DECLINED_CARD, idempotencyKey: randomUUID() };
    const first = await t.gql(ADD_PAYMENT, { input }, fx.cashier.token);
    const again = await t.gql(ADD_PAYMENT, { input }, fx.cashier.token);
    expect(codeOf(first)).toBe('PAYMENT_DECLINED');
    expect(codeOf(again)).toBe('PAYMENT_DECLINED');
    expect(again.errors![0].extensions!.paymentId).toBe(first.errors![0].extensions!.paymentId);
    expect((await saleOf(saleId)).payments).toHaveLength(1);
  });

  it('bank transfers need a reference; store credit needs a customer with enough credit', async () => {
    const saleId = await cartOf('FIVE');
    expect(codeOf(await pay(t, fx.cashier.token, { saleId, method: 'BANK_TRANSFER', amount: '1.00' }))).toBe(
      'BAD_USER_INPUT',
    );
    const transfer = await payOk(t, fx.cashier.token, {
      saleId,
      method: 'BANK_TRANSFER',
      amount: '1.00',
      reference: 'IBAN-REF-77',
    });
    expect(transfer.payment.status).toBe('COMPLETED');

    expect(codeOf(await pay(t, fx.cashier.token, { saleId, method: 'CREDIT', amount: '1.00' }))).toBe('BAD_USER_INPUT');
    const customer = await t.ok(CREATE_CUSTOMER, { input: { name: 'Ann' } }, fx.ownerToken);
    const customerId = customer.createCustomer.id;
    await t.ok(SET_CART_CUSTOMER, { input: { cartId: saleId, customerId } }, fx.cashier.token);
    await t.sql('update customers set store_credit_balance = 3 where id = ?', [customerId]);
    const tooMuch = await pay(t, fx.cashier.token, { saleId, method: 'CREDIT', amount: '3.50' });
    expect(codeOf(tooMuch)).toBe('BAD_USER_INPUT');
    const credit = await payOk(t, fx.cashier.token, { saleId, method: 'CREDIT', amount: '3.00' });
    expect(credit.sale).toMatchObject({ paidAmount: '4.00', amountDue: '1.00', paymentMethod: 'SPLIT' });
    const [row] = await t.sql('select store_credit_balance::text as balance from customers where id = ?', [customerId]);
    expect(Number(row.balance)).toBe(0);
  });

  it('SPLIT is not a tender', async () => {
    const saleId = await cartOf('FIVE');
    const res = await pay(t, fx.cashier.token, { saleId, method: 'SPLIT' });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });

  it('a gateway timeout records a FAILED payment and queues the void-on-timeout job', async () => {
    const saleId = await cartOf('FIVE');
    const res = await pay(t, fx.cashier.token, { saleId, method: 'CARD', reference: '4000000000000119' });
    expect(codeOf(res)).toBe('PAYMENT_DECLINED');
    expect(res.errors![0].extensions!.reason).toBe('timeout');
    const sale = await saleOf(saleId);
    expect(sale.payments.map((p: any) => [p.status, p.failureReason])).toEqual([['FAILED', 'timeout']]);
    expect(sale.paidAmount).toBe('0.00');
    const jobs = await t.sql(
      `select data from pgboss.job where name = 'payments.void-on-timeout' and data->>'paymentId' = ?`,
      [sale.payments[0].id],
    );
    expect(jobs).toHaveLength(1);
  }, 20_000);
});
