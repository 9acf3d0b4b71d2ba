import { Client } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import { ADD_PAYMENT, APPROVED_CARD, COMPLETE_SALE, CREATE_REFUND } from '../checkout/checkout-support';
import { ACK_COMMAND, deviceToken, HARDWARE_COMMANDS, OPEN_CASH_DRAWER } from '../display/support';
import { addItem, addRegister, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { collect, wsClient } from '../support/subscriptions';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

interface Command {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  terminalId: string;
}

describe('hardware commands (openCashDrawer, hardwareCommands, acknowledgeHardwareCommand)', () => {
  let t: TestApp;
  let fx: PosFixture;
  let agentToken: string;
  const clients: Client[] = [];
  const agentFeed = (terminalId = fx.terminalId, token = agentToken) => {
    const client = wsClient(t.url, token);
    clients.push(client);
    return collect<Command>(client, HARDWARE_COMMANDS, { terminalId }, 'hardwareCommands');
  };
  const openDrawer = async (reason: string, terminalId = fx.terminalId) =>
    (await t.ok(OPEN_CASH_DRAWER, { input: { terminalId, reason } }, fx.cashier.token)).openCashDrawer as Command;
  const ack = (id: string, status: string, token = agentToken, error?: string) =>
    t.gql(ACK_COMMAND, { input: { id, status, error } }, token);

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'SOAP', name: 'Soap', price: '4.00' }] });
  });
  beforeEach(async () => {
    // Each test starts on a fresh terminal so earlier PENDING commands do not mix in.
    fx = { ...fx, ...(await addRegister(t, fx.ownerToken, fx.locationId)) };
    agentToken = await deviceToken(t, fx.ownerToken, fx.terminalId, 'HARDWARE_AGENT');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await t.close();
  });

  it('persists a PENDING command and delivers it live to the terminal agent', async () => {
    const feed = agentFeed();
    const first = await openDrawer('change for a note');
    expect(first).toMatchObject({
      kind: 'OPEN_DRAWER',
      status: 'PENDING',
      attempts: 0,
      payload: { reason: 'change for a note' },
    });
    const delivered = await feed.waitFor((c) => c.id === first.id);
    expect(delivered).toMatchObject({ status: 'PENDING', attempts: 1, terminalId: fx.terminalId });

    const second = await openDrawer('float check');
    await feed.waitFor((c) => c.id === second.id);
    expect(feed.values.map((c) => c.id)).toEqual([first.id, second.id]);

    const done = await ack(first.id, 'DONE');
    expect(done.data?.acknowledgeHardwareCommand).toMatchObject({ status: 'DONE', lastError: null });
    const [row] = await t.sql(
      `select status, attempts, completed_at, created_by_id from hardware_commands where id = ?`,
      [first.id],
    );
    expect(row).toMatchObject({ status: 'DONE', attempts: 1, created_by_id: fx.cashier.id });
    expect(row.completed_at).not.toBeNull();
  });

  it('hands an agent that was offline every PENDING command on (re)connect, oldest first, never a closed one', async () => {
    const a = await openDrawer('one');
    const b = await openDrawer('two');
    const c = await openDrawer('three');
    expect((await ack(b.id, 'FAILED', agentToken, 'drawer jammed')).data?.acknowledgeHardwareCommand).toMatchObject({
      status: 'FAILED',
      lastError: 'drawer jammed',
    });

    const first = agentFeed();
    await first.waitFor((x) => x.id === c.id);
    expect(first.values.map((x) => x.id)).toEqual([a.id, c.id]);
    first.stop();

    await ack(a.id, 'DONE');
    const again = agentFeed();
    const redelivered = await again.waitFor((x) => x.id === c.id);
    expect(redelivered.attempts).toBe(2);
    const d = await openDrawer('four');
    await again.waitFor((x) => x.id === d.id);
    expect(again.values.map((x) => x.id)).toEqual([c.id, d.id]);
  });

  it('takes an acknowledgement again with the same answer, and refuses a different one', async () => {
    const command = await openDrawer('twice');
    expect(codeOf(await ack(command.id, 'DONE'))).toBeUndefined();
    expect(codeOf(await ack(command.id, 'DONE'))).toBeUndefined();
    expect(codeOf(await ack(command.id, 'FAILED', agentToken, 'late'))).toBe('CONFLICT');
    expect(codeOf(await ack(command.id, 'PENDING'))).toBe('BAD_USER_INPUT');
  });

  it("accepts acknowledgements only from the command's own terminal agent", async () => {
    const command = await openDrawer('who may close');
    const display = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const other = await addRegister(t, fx.ownerToken, fx.locationId);
    const otherAgent = await deviceToken(t, fx.ownerToken, other.terminalId, 'HARDWARE_AGENT');
    const strangerFx = await setupPos(t);
    const strangerAgent = await deviceToken(t, strangerFx.ownerToken, strangerFx.terminalId, 'HARDWARE_AGENT');

    expect(codeOf(await ack(command.id, 'DONE', display))).toBe('FORBIDDEN');
    expect(codeOf(await ack(command.id, 'DONE', fx.ownerToken))).toBe('FORBIDDEN');
    expect(codeOf(await ack(command.id, 'DONE', otherAgent))).toBe('FORBIDDEN');
    expect(codeOf(await ack(command.id, 'DONE', strangerAgent))).toBe('NOT_FOUND');
    const [row] = await t.sql(`select status from hardware_commands where id = ?`, [command.id]);
    expect(row.status).toBe('PENDING');
  });

  it('checks openCashDrawer: permission, terminal of the tenant, a reason', async () => {
    const display = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const input = { terminalId: fx.terminalId, reason: 'x' };
    expect(codeOf(await t.gql(OPEN_CASH_DRAWER, { input }, agentToken))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(OPEN_CASH_DRAWER, { input }, display))).toBe('FORBIDDEN');
    const stranger = await setupPos(t);
    expect(codeOf(await t.gql(OPEN_CASH_DRAWER, { input }, stranger.cashier.token))).toBe('NOT_FOUND');
    const blank = await t.gql(OPEN_CASH_DRAWER, { input: { ...input, reason: '' } }, fx.cashier.token);
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    const [{ count }] = await t.sql(`select count(*)::int as count from hardware_commands where terminal_id = ?`, [
      fx.terminalId,
    ]);
    expect(count).toBe(0);
  });

  /** A sale of 2 soaps paid by `method`, completed; its commands, oldest first. */
  async function completedSale(method: 'CASH' | 'CARD') {
    const cart = await newCart(t, fx);
    const sale = await addItem(t, fx, cart.id, 'SOAP', 2);
    const payment = { saleId: cart.id, method, amount: sale.totalAmount, idempotencyKey: randomUUID() };
    await t.ok(
      ADD_PAYMENT,
      { input: method === 'CARD' ? { ...payment, reference: APPROVED_CARD } : payment },
      fx.cashier.token,
    );
    await t.ok(COMPLETE_SALE, { input: { saleId: cart.id, idempotencyKey: randomUUID() } }, fx.cashier.token);
    return cart.id as string;
  }
  const commandsOfSale = (saleId: string) =>
    t.sql(`select kind, status, terminal_id, payload from hardware_commands where sale_id = ? order by created_at`, [
      saleId,
    ]);

  it('opens the drawer and prints the receipt of a cash sale, and issues nothing for a card sale', async () => {
    const cash = await completedSale('CASH');
    const rows = await commandsOfSale(cash);
    expect(rows.map((r) => [r.kind, r.status, r.terminal_id])).toEqual([
      ['OPEN_DRAWER', 'PENDING', fx.terminalId],
      ['PRINT_RECEIPT', 'PENDING', fx.terminalId],
    ]);
    expect(rows[1].payload).toMatchObject({
      saleId: cash,
      receipt: { totalAmount: '8.00', payments: [{ method: 'CASH' }] },
    });
    expect(await commandsOfSale(await completedSale('CARD'))).toEqual([]);
  });

  it('opens the paying drawer on a cash refund, not on a card refund', async () => {
    const cash = await completedSale('CASH');
    const card = await completedSale('CARD');
    const refund = (saleId: string, method: string) =>
      t.ok(
        CREATE_REFUND,
        {
          input: {
            saleId,
            amount: '4.00',
            method,
            reason: 'return',
            sessionId: fx.sessionId,
            idempotencyKey: randomUUID(),
          },
        },
        fx.cashier.token,
      );
    await refund(cash, 'CASH');
    await refund(card, 'CARD');
    expect((await commandsOfSale(cash)).map((r) => [r.kind, r.payload.reason ?? null])).toEqual([
      ['OPEN_DRAWER', 'cash sale'],
      ['PRINT_RECEIPT', null],
      ['OPEN_DRAWER', 'cash refund'],
    ]);
    expect(await commandsOfSale(card)).toEqual([]);
  });

  it('checks printReceipt: a completed sale of the tenant, pos:sale:read', async () => {
    const PRINT = `mutation PrintReceiptChecks($input: PrintReceiptInput!) { printReceipt(input: $input) { id kind terminalId saleId } }`;
    const saleId = await completedSale('CARD');
    const printed = (await t.ok(PRINT, { input: { saleId } }, fx.cashier.token)).printReceipt;
    expect(printed).toMatchObject({ kind: 'PRINT_RECEIPT', terminalId: fx.terminalId, saleId });
    const cart = await newCart(t, fx);
    expect(codeOf(await t.gql(PRINT, { input: { saleId: cart.id } }, fx.cashier.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(PRINT, { input: { saleId } }, agentToken))).toBe('FORBIDDEN');
    const stranger = await setupPos(t);
    expect(codeOf(await t.gql(PRINT, { input: { saleId } }, stranger.cashier.token))).toBe('NOT_FOUND');
  });
});
