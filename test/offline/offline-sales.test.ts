import { Client } from 'pg';
import { complete, payOk } from '../checkout/checkout-support';
import { addItem, newCart, PosFixture, setupPos, stockOf } from '../support/pos-fixtures';
import { CLOSE_SESSION, ISSUE_DEVICE_TOKEN } from '../support/operations';
import { startTestApp, TestApp } from '../support/test-app';
import {
  FLAGGED_OFFLINE_SALES,
  NEGATIVE_STOCK,
  OfflineRegister,
  submit,
  SUBMIT_OFFLINE_SALES,
  TERMINAL_SYNC_STATE,
  writtenFor,
} from './offline-support';

/** Offline replay through GraphQL (docs/offline.md): exactly once, gapless numbers, what was charged stands. */
describe('submitOfflineSales', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const pos = () =>
    setupPos(t, {
      products: [
        { sku: 'A', price: '2.50', taxRate: '0' },
        { sku: 'B', price: '4.00', taxRate: '0.10' },
        { sku: 'LOW', price: '1.00', taxRate: '0', stock: 2 },
      ],
    });
  const syncState = async (fx: PosFixture) =>
    (await t.ok(TERMINAL_SYNC_STATE, { terminalId: fx.terminalId }, fx.cashier.token)).terminalSyncState;

  it('a batch replayed twice: each sale once with its number, the repeat DUPLICATE; online sales continue after', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx, (await syncState(fx)).lastSaleNumber);
    const batch = [
      register.sale([{ sku: 'A', quantity: 2, unitPrice: '2.50' }], '5.00'),
      register.sale([{ sku: 'B', quantity: 1, unitPrice: '4.00' }], '4.40'),
      register.sale(
        [
          { sku: 'A', quantity: 1, unitPrice: '2.50' },
          { sku: 'B', quantity: 2, unitPrice: '4.00' },
        ],
        '11.30',
      ),
    ];
    const first = await submit(t, fx, batch);
    expect(first.map((r) => [r.status, r.sale.saleNumber, r.warnings])).toEqual([
      ['ACCEPTED', `${fx.terminalCode}-000001`, []],
      ['ACCEPTED', `${fx.terminalCode}-000002`, []],
      ['ACCEPTED', `${fx.terminalCode}-000003`, []],
    ]);
    expect(first.map((r) => r.sale.totalAmount)).toEqual(['5.00', '4.40', '11.30']);

    const again = await submit(t, fx, batch);
    expect(again.map((r) => r.status)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
    expect(again.map((r) => r.sale)).toEqual(first.map((r) => r.sale));

    expect(await writtenFor(t, fx.terminalId)).toEqual([
      { sale_number: `${fx.terminalCode}-000001`, movements: 1, payments: 1 },
      { sale_number: `${fx.terminalCode}-000002`, movements: 1, payments: 1 },
      { sale_number: `${fx.terminalCode}-000003`, movements: 2, payments: 1 },
    ]);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.A.id)).toMatchObject({ onHand: 97 });
    expect((await syncState(fx)).lastSaleNumber).toBe(3);
    expect((await syncState(fx)).openSessionId).toBe(fx.sessionId);

    const cart = await newCart(t, fx);
    await addItem(t, fx, cart.id, 'A', 1);
    await payOk(t, fx.cashier.token, { saleId: cart.id, method: 'CASH' });
    expect((await complete(t, fx.cashier.token, cart.id)).saleNumber).toBe(`${fx.terminalCode}-000004`);
  });

  it('a number out of sequence (skipped or repeated) is REJECTED with nothing written; the others go through', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const one = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50');
    const two = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50');
    const skipped = { ...register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50'), saleNumber: 5 };
    const repeated = { ...register.sale([{ sku: 'B', quantity: 1, unitPrice: '4.00' }], '4.40'), saleNumber: 1 };
    const results = await submit(t, fx, [one, skipped, repeated, two]);
    expect(results.map((r) => [r.status, r.code, r.sale?.saleNumber ?? null])).toEqual([
      ['ACCEPTED', null, `${fx.terminalCode}-000001`],
      ['REJECTED', 'SALE_NUMBER_OUT_OF_SEQUENCE', null],
      ['REJECTED', 'SALE_NUMBER_OUT_OF_SEQUENCE', null],
      ['ACCEPTED', null, `${fx.terminalCode}-000002`],
    ]);
    expect(results[1].message).toContain('next number is 2');
    const nothing = await t.sql<{ n: number }>(
      `select (select count(*)::int from sales where id in (?, ?)) + (select count(*)::int from stock_movements where reference_id in (?, ?))
        + (select count(*)::int from sale_payments where sale_id in (?, ?)) + (select count(*)::int from idempotency_records where key in (?, ?)) as n`,
      [
        skipped.clientId,
        repeated.clientId,
        skipped.clientId,
        repeated.clientId,
        skipped.clientId,
        repeated.clientId,
        `offline:${skipped.clientId}`,
        `offline:${repeated.clientId}`,
      ],
    );
    expect(nothing[0].n).toBe(0);
    expect((await syncState(fx)).lastSaleNumber).toBe(2);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.B.id)).toMatchObject({ onHand: 100 });
  });

  it('a sale below stock leaves negative stock, is ACCEPTED with NEGATIVE_STOCK and is in both reports', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const [result] = await submit(t, fx, [register.sale([{ sku: 'LOW', quantity: 5, unitPrice: '1.00' }], '5.00')]);
    expect(result.status).toBe('ACCEPTED');
    expect(result.warnings).toEqual([
      { code: 'NEGATIVE_STOCK', message: 'Stock went below zero: -3 on hand', productId: fx.products.LOW.id },
    ]);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.LOW.id)).toMatchObject({ onHand: -3 });
    // Only the offline sale may go below zero: the tenant's own setting is untouched (a replay once flipped it).
    expect(await t.sql('select allow_negative_stock from tenants where slug = ?', [fx.tenant.slug])).toEqual([
      { allow_negative_stock: false },
    ]);
    const negative = await t.ok(NEGATIVE_STOCK, { locationId: fx.locationId }, fx.ownerToken);
    expect(negative.negativeStock).toEqual([{ productId: fx.products.LOW.id, sku: 'LOW', onHand: -3 }]);
    const flagged = await t.ok(FLAGGED_OFFLINE_SALES, { terminalId: fx.terminalId }, fx.ownerToken);
    expect(flagged.flaggedOfflineSales).toEqual([
      {
        id: result.sale.id,
        registerNumber: 1,
        registerTotal: '5.00',
        computedTotal: '5.00',
        warnings: [{ code: 'NEGATIVE_STOCK', productId: fx.products.LOW.id }],
      },
    ]);
  });

  it('a price mismatch is ACCEPTED with a warning: the charged price stands; a total mismatch too', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const stale = register.sale([{ sku: 'A', quantity: 2, unitPrice: '2.25' }], '4.50');
    const wrongTotal = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '3.00');
    const [priced, totalled] = await submit(t, fx, [stale, wrongTotal]);
    expect(priced).toMatchObject({ status: 'ACCEPTED', sale: { totalAmount: '4.50' } });
    expect(priced.warnings).toEqual([
      {
        code: 'PRICE_MISMATCH',
        message: 'A was charged 2.25; the catalogue price is 2.5',
        productId: fx.products.A.id,
      },
    ]);
    expect(totalled.status).toBe('ACCEPTED');
    expect(totalled.warnings.map((w: any) => w.code)).toEqual(['TOTAL_MISMATCH']);
    const [row] = await t.sql<{ unit_price: string; total: string; paid: string; rounding: string }>(
      `select i.unit_price::text, s.total_amount::text as total, s.paid_amount::text as paid, s.rounding_adjustment::text as rounding
       from sales s join sale_items i on i.sale_id = s.id where s.id = ?`,
      [wrongTotal.clientId],
    );
    expect(row).toEqual({ unit_price: '2.5000', total: '2.5000', paid: '3.0000', rounding: '0.5000' });
    const [line] = await t.sql<{ unit_price: string }>('select unit_price::text from sale_items where sale_id = ?', [
      stale.clientId,
    ]);
    expect(line.unit_price).toBe('2.2500');
    const flagged = await t.ok(FLAGGED_OFFLINE_SALES, { terminalId: fx.terminalId }, fx.ownerToken);
    expect(flagged.flaggedOfflineSales.map((f: any) => f.registerNumber)).toEqual([2, 1]);
  });

  it('a sale of a session closed meanwhile belongs to that session, ACCEPTED with SESSION_CLOSED', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const sale = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50');
    await t.ok(CLOSE_SESSION, { input: { sessionId: fx.sessionId, closingBalance: '102.50' } }, fx.ownerToken);
    const [result] = await submit(t, fx, [sale]);
    expect(result.status).toBe('ACCEPTED');
    expect(result.warnings.map((w: any) => w.code)).toEqual(['SESSION_CLOSED']);
    const [row] = await t.sql<{ session_id: string; payment_session: string }>(
      `select s.session_id, p.session_id as payment_session from sales s join sale_payments p on p.sale_id = s.id where s.id = ?`,
      [sale.clientId],
    );
    expect(row).toEqual({ session_id: fx.sessionId, payment_session: fx.sessionId });
  });

  it('the same clientId with other content is REJECTED (CLIENT_ID_REUSED); card payments keep the reader reference', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const card = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50', {
      payments: [{ method: 'CARD', amount: '2.50', reference: 'AUTH-778899' }],
    });
    const [accepted] = await submit(t, fx, [card]);
    expect(accepted.status).toBe('ACCEPTED');
    const [changed] = await submit(t, fx, [{ ...card, totalAmount: '9.99' }]);
    expect(changed).toMatchObject({ status: 'REJECTED', code: 'CLIENT_ID_REUSED', sale: null });
    const [payment] = await t.sql<{ reference: string; transaction_ref: string; method: string }>(
      'select reference, transaction_ref, method from sale_payments where sale_id = ?',
      [card.clientId],
    );
    expect(payment).toEqual({ reference: '8899', transaction_ref: 'AUTH-778899', method: 'CARD' });
  });

  it('bad sales are REJECTED one by one: another terminal session, unknown product, store credit, times', async () => {
    const fx = await pos();
    const other = await setupPos(t, { products: [{ sku: 'X', price: '1.00' }] });
    const register = new OfflineRegister(fx);
    const line = [{ sku: 'A', quantity: 1, unitPrice: '2.50' }];
    const results = await submit(t, fx, [
      { ...register.sale(line, '2.50'), sessionId: other.sessionId },
      { ...register.sale(line, '2.50'), items: [{ productId: other.products.X.id, quantity: 1, unitPrice: '1.00' }] },
      { ...register.sale(line, '2.50'), payments: [{ method: 'CREDIT', amount: '2.50' }] },
      { ...register.sale(line, '2.50'), completedAt: new Date(Date.now() + 3_600_000).toISOString() },
      { ...register.sale(line, '2.50'), cashierId: other.cashier.id },
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['REJECTED', 'BAD_USER_INPUT'],
      ['REJECTED', 'NOT_FOUND'],
      ['REJECTED', 'BAD_USER_INPUT'],
      ['REJECTED', 'BAD_USER_INPUT'],
      ['REJECTED', 'NOT_FOUND'],
    ]);
    expect(await writtenFor(t, fx.terminalId)).toEqual([]);
  });

  it('a sale sent twice in one batch is recorded once: the repeat is DUPLICATE with the first result', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const sale = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50');
    const [first, repeat] = await submit(t, fx, [sale, sale]);
    expect([first.status, repeat.status]).toEqual(['ACCEPTED', 'DUPLICATE']);
    expect(repeat.sale).toEqual(first.sale);
    expect(await writtenFor(t, fx.terminalId)).toEqual([
      { sale_number: `${fx.terminalCode}-000001`, movements: 1, payments: 1 },
    ]);
  });

  it("a register's next batch sent while its last one is still being written waits for it: both ACCEPTED, gapless", async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const line = [{ sku: 'A', quantity: 1, unitPrice: '2.50' }];
    const first = Array.from({ length: 5 }, () => register.sale(line, '2.50'));
    const next = Array.from({ length: 5 }, () => register.sale(line, '2.50'));
    // Holding the product's stock row keeps the first batch's transaction open past its numbering.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from stock_levels where product_id = $1 for update', [fx.products.A.id]);
      const waitingOnStock = async () =>
        (
          await t.sql<{ n: string }>(
            `select count(*) as n from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock' and query like '%stock_levels%'`,
          )
        )[0].n !== '0';
      const firstAnswer = submit(t, fx, first);
      while (!(await waitingOnStock())) await new Promise((resolve) => setTimeout(resolve, 5));
      const nextAnswer = submit(t, fx, next);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('commit');
      const results = [...(await firstAnswer), ...(await nextAnswer)];
      expect(results.map((r) => [r.status, r.sale?.saleNumber])).toEqual(
        Array.from({ length: 10 }, (_, i) => ['ACCEPTED', `${fx.terminalCode}-${String(i + 1).padStart(6, '0')}`]),
      );
    } finally {
      await holder.end();
    }
  });

  it('a sale that fails only when written (its clientId is a cart id) is REJECTED alone; the batch goes through', async () => {
    const fx = await pos();
    const register = new OfflineRegister(fx);
    const line = [{ sku: 'A', quantity: 1, unitPrice: '2.50' }];
    const cart = await newCart(t, fx);
    const batch = [
      register.sale(line, '2.50'),
      register.sale(line, '2.50'),
      register.sale(line, '2.50'),
      { ...register.sale(line, '2.50'), clientId: cart.id },
    ];
    for (const attempt of [1, 2]) {
      const results = await submit(t, fx, batch);
      const repeat = attempt === 1 ? 'ACCEPTED' : 'DUPLICATE';
      expect(results.map((r) => [r.status, r.code, r.sale?.saleNumber ?? null])).toEqual([
        [repeat, null, `${fx.terminalCode}-000001`],
        [repeat, null, `${fx.terminalCode}-000002`],
        [repeat, null, `${fx.terminalCode}-000003`],
        ['REJECTED', 'BAD_USER_INPUT', null],
      ]);
    }
    expect((await writtenFor(t, fx.terminalId)).map((r) => r.sale_number)).toEqual([
      `${fx.terminalCode}-000001`,
      `${fx.terminalCode}-000002`,
      `${fx.terminalCode}-000003`,
      null, // the cart, untouched
    ]);
    expect(await t.sql('select status from sales where id = ?', [cart.id])).toEqual([{ status: 'DRAFT' }]);
    expect(await t.sql('select 1 from offline_sales where id = ?', [cart.id])).toEqual([]);
  });

  it('permission, tenant and bounds: device tokens, other tenants and oversized batches are refused', async () => {
    const fx = await pos();
    const other = await setupPos(t);
    const register = new OfflineRegister(fx);
    const sale = register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50');
    const input = { terminalId: fx.terminalId, sales: [sale] };

    const anonymous = await t.gql(SUBMIT_OFFLINE_SALES, { input });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const device = await t.ok(
      ISSUE_DEVICE_TOKEN,
      { input: { kind: 'DISPLAY', terminalId: fx.terminalId } },
      fx.ownerToken,
    );
    const byDevice = await t.gql(SUBMIT_OFFLINE_SALES, { input }, device.issueDeviceToken.token);
    expect(byDevice.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const foreign = await t.gql(SUBMIT_OFFLINE_SALES, { input }, other.cashier.token);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const foreignState = await t.gql(TERMINAL_SYNC_STATE, { terminalId: fx.terminalId }, other.cashier.token);
    expect(foreignState.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const big = await t.gql(
      SUBMIT_OFFLINE_SALES,
      { input: { ...input, sales: Array.from({ length: 101 }, () => sale) } },
      fx.cashier.token,
    );
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const lines = Array.from({ length: 201 }, () => sale.items[0]);
    const long = await t.gql(
      SUBMIT_OFFLINE_SALES,
      { input: { ...input, sales: [{ ...sale, items: lines }] } },
      fx.cashier.token,
    );
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const reports = await t.gql(FLAGGED_OFFLINE_SALES, {}, fx.cashier.token);
    expect(reports.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await writtenFor(t, fx.terminalId)).toEqual([]);
  });
});
