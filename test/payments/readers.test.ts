import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { pay, payOk } from '../checkout/checkout-support';
import { FakeSquare, startFakeSquare } from '../support/fake-square';
import { FakeStripe, startFakeStripe } from '../support/fake-stripe';
import { registerTenant, userWithRole } from '../support/fixtures';
import { CREATE_TERMINAL, TERMINAL, UPDATE_TERMINAL } from '../support/operations';
import { addItem, addRegister, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { CONFIGURE_GATEWAY, paymentRow } from './gateway-test-support';

/** docs/payments.md, "Readers": each register's card payments go to its own reader, else the account's. */
describe('card readers per terminal', () => {
  let stripe: FakeStripe;
  let square: FakeSquare;
  let t: TestApp;
  const secret = () => `whsec_${randomUUID().replace(/-/g, '')}`;

  beforeAll(async () => {
    [stripe, square] = await Promise.all([startFakeStripe(), startFakeSquare()]);
    t = await startTestApp({
      jobs: true,
      env: { STRIPE_API_URL: stripe.url, SQUARE_API_URL: square.url, READER_POLL_MS: '20' },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([stripe.close(), square.close()]);
  });

  const shop = () => setupPos(t, { products: [{ sku: 'TEN', price: '10.00', stock: 100 }] });
  const configureStripe = (fx: PosFixture, readerId?: string) =>
    t.ok(
      CONFIGURE_GATEWAY,
      { input: { provider: 'STRIPE', methods: ['CARD'], apiKey: stripe.apiKey, webhookSecret: secret(), readerId } },
      fx.ownerToken,
    );
  const configureSquare = (fx: PosFixture) =>
    t.ok(
      CONFIGURE_GATEWAY,
      {
        input: {
          provider: 'SQUARE',
          methods: ['CARD'],
          apiKey: square.accessToken,
          webhookSecret: secret(),
          readerId: square.deviceId,
          locationId: square.locationId,
        },
      },
      fx.ownerToken,
    );
  /** Another open register of the fixture's tenant with this reader. */
  const registerWith = async (fx: PosFixture, paymentReaderId: string | null) => {
    const { terminalId } = await addRegister(t, fx.ownerToken, fx.locationId);
    await t.ok(UPDATE_TERMINAL, { id: terminalId, input: { paymentReaderId } }, fx.ownerToken);
    return terminalId;
  };
  /** A cart of one TEN on the terminal, by the fixture's cashier. */
  const cartOn = async (fx: PosFixture, terminalId: string) => {
    const cart = await newCart(t, fx, { terminalId });
    await addItem(t, fx, cart.id, 'TEN', 1);
    return cart.id as string;
  };
  /** Pays a card on the terminal and answers the readers the fake saw for this payment. */
  const readersOf = async <U extends { readerId: string | null }>(
    uses: U[],
    fx: PosFixture,
    terminalId: string,
  ): Promise<Array<string | null>> => {
    const before = uses.length;
    await payOk(t, fx.cashier.token, { saleId: await cartOn(fx, terminalId), method: 'CARD', reference: 'reader' });
    return [...new Set(uses.slice(before).map((use) => use.readerId))];
  };

  it('Stripe: two registers of one tenant each send their payment to their own reader; none set: the account one', async () => {
    const fx = await shop();
    await configureStripe(fx, stripe.readerId);
    const [front, back] = [stripe.addReader(), stripe.addReader()];
    const frontTerminal = await registerWith(fx, front);
    const backTerminal = await registerWith(fx, back);
    expect(await readersOf(stripe.readerUses, fx, frontTerminal)).toEqual([front]);
    expect(await readersOf(stripe.readerUses, fx, backTerminal)).toEqual([back]);
    expect(await readersOf(stripe.readerUses, fx, fx.terminalId)).toEqual([stripe.readerId]);
    // Cleared with null: back to the account's reader.
    await t.ok(UPDATE_TERMINAL, { id: backTerminal, input: { paymentReaderId: null } }, fx.ownerToken);
    expect(await readersOf(stripe.readerUses, fx, backTerminal)).toEqual([stripe.readerId]);
  });

  it('Square: two registers of one tenant each open their checkout on their own device; none set: the account one', async () => {
    const fx = await shop();
    await configureSquare(fx);
    const [front, back] = [square.addDevice(), square.addDevice()];
    const frontTerminal = await registerWith(fx, front);
    const backTerminal = await registerWith(fx, back);
    expect(await readersOf(square.readerUses, fx, frontTerminal)).toEqual([front]);
    expect(await readersOf(square.readerUses, fx, backTerminal)).toEqual([back]);
    expect(await readersOf(square.readerUses, fx, fx.terminalId)).toEqual([square.deviceId]);
  });

  it('no reader on the terminal nor on the account: PAYMENT_GATEWAY_NOT_CONFIGURED, nothing sent or recorded', async () => {
    const fx = await shop();
    await configureStripe(fx); // no account reader: every register must name its own
    const calls = stripe.calls.length;
    const saleId = await cartOn(fx, fx.terminalId);
    const res = await pay(t, fx.cashier.token, { saleId, method: 'CARD', reference: 'reader' });
    expect(codeOf(res)).toBe('PAYMENT_GATEWAY_NOT_CONFIGURED');
    expect(res.errors![0].extensions!.provider).toBe('STRIPE');
    expect(stripe.calls.length).toBe(calls);
    expect(await paymentRow(t, saleId)).toBeUndefined();
    // Once the register has its reader the same sale can be paid.
    const reader = stripe.addReader();
    await t.ok(UPDATE_TERMINAL, { id: fx.terminalId, input: { paymentReaderId: reader } }, fx.ownerToken);
    await payOk(t, fx.cashier.token, { saleId, method: 'CARD', reference: 'reader' });
    expect(stripe.readerUses.at(-1)?.readerId).toBe(reader);
  });

  it('after a timeout the job looks the checkout up on the same device and cancels it', async () => {
    const fx = await shop();
    await configureSquare(fx);
    const device = square.addDevice();
    const terminalId = await registerWith(fx, device);
    const saleId = await cartOn(fx, terminalId);
    square.terminalHangs = true;
    try {
      const res = await pay(t, fx.cashier.token, { saleId, method: 'CARD', reference: 'terminal' });
      expect(res.errors![0].extensions!.reason).toBe('timeout');
    } finally {
      square.terminalHangs = false;
    }
    // The job keeps the register's reader, so its lookup asks the device the checkout went to.
    const job = await t.sql<{ data: { readerId: string } }>(
      `select j.data from pgboss.job j join sale_payments p on p.id::text = j.data->>'paymentId'
       where j.name = 'payments.void-on-timeout' and p.sale_id = ?`,
      [saleId],
    );
    expect(job.map((row) => row.data.readerId)).toEqual([device]);
    let row = await paymentRow(t, saleId);
    for (let i = 0; i < 60 && !row.gateway_response.void; i++) {
      await sleep(500);
      row = await paymentRow(t, saleId);
    }
    expect(row.gateway_response.void).toMatchObject({ object: 'terminal_checkout', status: 'CANCELED' });
    const searches = square.readerUses.filter((use) => use.operation === 'search');
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.at(-1)?.readerId).toBe(device);
  }, 60_000);

  it('the reader is set on create and update, shown on Terminal, bounded, and every change audited', async () => {
    const fx = await shop();
    const created = (
      await t.ok(
        CREATE_TERMINAL,
        { input: { name: 'Front', code: 'FRONT', locationId: fx.locationId, paymentReaderId: 'tmr_FRONT1' } },
        fx.ownerToken,
      )
    ).createTerminal;
    expect(created.paymentReaderId).toBe('tmr_FRONT1');
    const update = (paymentReaderId: unknown, token = fx.ownerToken, id = created.id) =>
      t.gql(UPDATE_TERMINAL, { id, input: { paymentReaderId } }, token);
    expect((await update('device:ABC-123')).data!.updateTerminal.paymentReaderId).toBe('device:ABC-123');
    // Absent leaves it; null clears it.
    expect(
      (await t.ok(UPDATE_TERMINAL, { id: created.id, input: { name: 'Front 2' } }, fx.ownerToken)).updateTerminal,
    ).toMatchObject({ name: 'Front 2', paymentReaderId: 'device:ABC-123' });
    expect((await update(null)).data!.updateTerminal.paymentReaderId).toBeNull();
    expect((await t.ok(TERMINAL, { id: created.id }, fx.ownerToken)).terminal.paymentReaderId).toBeNull();

    for (const bad of ['', 'x'.repeat(101), 'tmr 1', '../v1/refunds', 'tmr_1?x=1', 'tmr_é']) {
      const res = await update(bad);
      expect([bad, codeOf(res)]).toEqual([bad, 'BAD_USER_INPUT']);
      expect(res.errors![0].extensions!.field).toBe('paymentReaderId');
    }
    const badCreate = await t.gql(
      CREATE_TERMINAL,
      { input: { name: 'X', code: 'BADREADER', locationId: fx.locationId, paymentReaderId: 'a/b' } },
      fx.ownerToken,
    );
    expect(codeOf(badCreate)).toBe('BAD_USER_INPUT');
    expect((await update('x'.repeat(100))).data!.updateTerminal.paymentReaderId).toHaveLength(100);

    const audit = await t.sql<{ data: Record<string, unknown> }>(
      `select data from audit_events where type = 'terminal.reader_changed' and subject_id = ? order by created_at, id`,
      [created.id],
    );
    expect(audit.map((row) => row.data)).toEqual([
      { code: 'FRONT', from: null, to: 'tmr_FRONT1' },
      { code: 'FRONT', from: 'tmr_FRONT1', to: 'device:ABC-123' },
      { code: 'FRONT', from: 'device:ABC-123', to: null },
      { code: 'FRONT', from: null, to: 'x'.repeat(100) },
    ]);
  });

  it("a CASHIER cannot set a reader (FORBIDDEN), another tenant cannot touch this tenant's terminal (NOT_FOUND)", async () => {
    const fx = await shop();
    const input = { paymentReaderId: 'tmr_STOLEN' };
    expect(codeOf(await t.gql(UPDATE_TERMINAL, { id: fx.terminalId, input }, fx.cashier.token))).toBe('FORBIDDEN');
    const other = await registerTenant(t);
    expect(codeOf(await t.gql(UPDATE_TERMINAL, { id: fx.terminalId, input }, other.ownerToken))).toBe('NOT_FOUND');
    const otherManager = await userWithRole(t, other, 'MANAGER');
    expect(codeOf(await t.gql(UPDATE_TERMINAL, { id: fx.terminalId, input }, otherManager.token))).toBe('NOT_FOUND');
    expect((await t.ok(TERMINAL, { id: fx.terminalId }, fx.ownerToken)).terminal.paymentReaderId).toBeNull();
    const [{ n }] = await t.sql<{ n: string }>(
      `select count(*)::text as n from audit_events where type = 'terminal.reader_changed' and subject_id = ?`,
      [fx.terminalId],
    );
    expect(n).toBe('0');
  });
});
