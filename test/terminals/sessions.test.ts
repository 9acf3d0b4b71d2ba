import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { registerTenant } from '../support/fixtures';
import {
  ACTIVE_SESSION,
  CLOSE_SESSION,
  countRows,
  createTerminal,
  DEACTIVATE_TERMINAL,
  OPEN_SESSION,
  openSession,
  RECONCILE_SESSION,
  RECORD_CASH_MOVEMENT,
  SESSION,
  SESSIONS,
  setupShop,
  Shop,
} from './support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('openSession', () => {
  it('opens with a count whose sum is the opening balance, numbered per tenant', async () => {
    const shop = await setupShop(t);
    const session = await openSession(t, shop.cashier.token, {
      terminalId: shop.terminalId,
      openingBalance: '200.00',
      openingCount: { '50': 2, '20': 4, '10': 1, '5': 1, '1': 4, '0.25': 4 },
    });
    expect(session).toMatchObject({
      sessionNumber: 'S-000001',
      status: 'OPEN',
      openingBalance: '200.00',
      closingBalance: null,
      expectedBalance: null,
      variance: null,
      closedAt: null,
      openingCount: { '50': 2, '20': 4, '10': 1, '5': 1, '1': 4, '0.25': 4 },
      terminal: { id: shop.terminalId },
      openedBy: { id: shop.cashier.id },
      reconciled: false,
    });
    const active = await t.ok(ACTIVE_SESSION, { terminalId: shop.terminalId }, shop.cashier.token);
    expect(active.activeSession).toMatchObject({ id: session.id, status: 'OPEN' });

    // A second terminal continues the tenant's series; another tenant starts its own.
    const second = await createTerminal(t, shop.tenant.ownerToken, shop.locationId);
    expect(
      (await openSession(t, shop.cashier.token, { terminalId: second, openingCount: { '10': 3 } })).sessionNumber,
    ).toBe('S-000002');
    const other = await setupShop(t);
    expect(
      (await openSession(t, other.cashier.token, { terminalId: other.terminalId, openingBalance: 0 })).sessionNumber,
    ).toBe('S-000001');
  });

  it('lets exactly one of two concurrent openings on a terminal win (database-enforced); the loser consumes no number', async () => {
    const shop = await setupShop(t);
    const input = { terminalId: shop.terminalId, openingBalance: '100.00' };
    const results = await Promise.all([
      t.gql(OPEN_SESSION, { input }, shop.cashier.token),
      t.gql(OPEN_SESSION, { input }, shop.manager.token),
    ]);
    const codes = results.map((r) => codeOf(r) ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'SESSION_ALREADY_OPEN']);
    expect(await countRows(t, 'pos_sessions', 'terminal_id = ?', [shop.terminalId])).toBe(1);
    const [counter] = await t.sql<{ last_value: number }>(
      `select last_value from document_counters where tenant_id = ? and series = 'session'`,
      [shop.tenantId],
    );
    expect(counter.last_value).toBe(1);
    // And a later sequential attempt is refused the same way.
    expect(codeOf(await t.gql(OPEN_SESSION, { input }, shop.cashier.token))).toBe('SESSION_ALREADY_OPEN');
  });

  it('numbers concurrent openings on different terminals gaplessly', async () => {
    const shop = await setupShop(t);
    const terminals = [shop.terminalId];
    for (let i = 0; i < 5; i++) terminals.push(await createTerminal(t, shop.tenant.ownerToken, shop.locationId));
    const opened = await Promise.all(
      terminals.map((terminalId) => openSession(t, shop.cashier.token, { terminalId, openingBalance: 50 })),
    );
    expect(opened.map((s) => s.sessionNumber).sort()).toEqual([
      'S-000001',
      'S-000002',
      'S-000003',
      'S-000004',
      'S-000005',
      'S-000006',
    ]);
  });

  it.each([
    ['a negative opening balance', { openingBalance: '-1.00' }, 'openingBalance'],
    ['neither a balance nor a count', {}, 'openingBalance'],
    ['a non-numeric denomination', { openingCount: { ten: 2 } }, 'openingCount'],
    ['a zero denomination', { openingCount: { '0': 2 } }, 'openingCount'],
    ['a negative count', { openingCount: { '10': -1 } }, 'openingCount'],
    ['a fractional count', { openingCount: { '10': 1.5 } }, 'openingCount'],
    ['a count given as a string', { openingCount: { '10': '2' } }, 'openingCount'],
    ['a count that is a list', { openingCount: [1, 2] }, 'openingCount'],
    ['a balance that differs from the count', { openingBalance: '25.00', openingCount: { '10': 2 } }, 'openingBalance'],
    ['fractions of a cent', { openingBalance: '10.005' }, 'openingBalance'],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_label, input, field) => {
    const shop = await setupShop(t);
    const res = await t.gql(OPEN_SESSION, { input: { terminalId: shop.terminalId, ...input } }, shop.cashier.token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe(field);
    expect(await countRows(t, 'pos_sessions', 'tenant_id = ?', [shop.tenantId])).toBe(0);
    expect(await countRows(t, 'document_counters', 'tenant_id = ?', [shop.tenantId])).toBe(0);
  });

  it('refuses an inactive terminal (TERMINAL_INACTIVE) and a terminal of another tenant (NOT_FOUND), writing nothing', async () => {
    const shop = await setupShop(t);
    const other = await setupShop(t);
    await t.ok(DEACTIVATE_TERMINAL, { id: shop.terminalId }, shop.tenant.ownerToken);
    const inactive = await t.gql(
      OPEN_SESSION,
      { input: { terminalId: shop.terminalId, openingBalance: 10 } },
      shop.cashier.token,
    );
    expect(codeOf(inactive)).toBe('TERMINAL_INACTIVE');
    const foreign = await t.gql(
      OPEN_SESSION,
      { input: { terminalId: other.terminalId, openingBalance: 10 } },
      shop.cashier.token,
    );
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(await countRows(t, 'pos_sessions', 'tenant_id in (?, ?)', [shop.tenantId, other.tenantId])).toBe(0);
    expect(codeOf(await t.gql(ACTIVE_SESSION, { terminalId: other.terminalId }, shop.cashier.token))).toBe('NOT_FOUND');
  });
});

describe('cash movements, closing and the X/Z reports', () => {
  it("shows docs/money.md Example 6's cash-movement part: opening 200.00, pay-out 20.00, expected 180.00", async () => {
    const shop = await setupShop(t);
    const session = await openSession(t, shop.cashier.token, { terminalId: shop.terminalId, openingBalance: '200.00' });
    const payOut = await t.ok(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: session.id, type: 'PAY_OUT', amount: '20.00', reason: 'Window cleaner' } },
      shop.cashier.token,
    );
    expect(payOut.recordCashMovement).toMatchObject({
      type: 'PAY_OUT',
      amount: '20.00',
      reason: 'Window cleaner',
      sessionId: session.id,
      performedBy: { id: shop.cashier.id },
    });

    const mid = (await t.ok(SESSION, { id: session.id }, shop.cashier.token)).session;
    expect(mid.status).toBe('OPEN');
    expect(mid.zReport).toBeNull();
    expect(mid.xReport).toEqual({
      salesCount: 0,
      grossSales: '0.00',
      discounts: '0.00',
      tax: '0.00',
      netByPaymentMethod: [],
      refunds: '0.00',
      cashSales: '0.00',
      cashRefunds: '0.00',
      cashIn: '0.00',
      cashOut: '20.00',
      openingBalance: '200.00',
      expectedCash: '180.00',
      countedCash: null,
      variance: null,
    });
    expect(mid.cashMovements).toHaveLength(1);

    // Two cents short: counted 179.98.
    const closed = (
      await t.ok(
        CLOSE_SESSION,
        {
          input: {
            sessionId: session.id,
            closingCount: { '100': 1, '50': 1, '20': 1, '5': 1, '1': 4, '0.25': 3, '0.01': 23 },
            notes: 'short',
          },
        },
        shop.cashier.token,
      )
    ).closeSession;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      openingBalance: '200.00',
      expectedBalance: '180.00',
      closingBalance: '179.98',
      variance: '-0.02',
      notes: 'short',
      closedBy: { id: shop.cashier.id },
      reconciled: false,
    });
    expect(closed.closedAt).toEqual(expect.any(String));
    const z = (await t.ok(SESSION, { id: session.id }, shop.cashier.token)).session.zReport;
    expect(z).toMatchObject({ cashOut: '20.00', expectedCash: '180.00', countedCash: '179.98', variance: '-0.02' });
    expect(await t.ok(ACTIVE_SESSION, { terminalId: shop.terminalId }, shop.cashier.token)).toEqual({
      activeSession: null,
    });
  });

  it('adds pay-ins and closes with a balance alone', async () => {
    const shop = await setupShop(t);
    const session = await openSession(t, shop.cashier.token, { terminalId: shop.terminalId, openingBalance: 100 });
    for (const [type, amount] of [
      ['PAY_IN', '50.00'],
      ['PAY_OUT', '12.34'],
      ['PAY_IN', '0.50'],
    ]) {
      await t.ok(
        RECORD_CASH_MOVEMENT,
        { input: { sessionId: session.id, type, amount, reason: 'float' } },
        shop.cashier.token,
      );
    }
    const closed = (
      await t.ok(CLOSE_SESSION, { input: { sessionId: session.id, closingBalance: '138.20' } }, shop.manager.token)
    ).closeSession;
    expect(closed).toMatchObject({
      expectedBalance: '138.16',
      closingBalance: '138.20',
      variance: '0.04',
      closingCount: null,
    });
  });

  it('refuses bad movements and closings with clear errors, writing nothing', async () => {
    const shop = await setupShop(t);
    const session = await openSession(t, shop.cashier.token, { terminalId: shop.terminalId, openingBalance: 100 });
    const move = (input: Record<string, unknown>) =>
      t.gql(
        RECORD_CASH_MOVEMENT,
        { input: { sessionId: session.id, type: 'PAY_IN', amount: '1.00', reason: 'x', ...input } },
        shop.cashier.token,
      );
    for (const [input, field] of [
      [{ amount: '0' }, 'amount'],
      [{ amount: '-5.00' }, 'amount'],
      [{ amount: '1.001' }, 'amount'],
      [{ reason: '' }, 'reason'],
    ] as const) {
      const res = await move(input);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe(field);
    }
    const close = (input: Record<string, unknown>) =>
      t.gql(CLOSE_SESSION, { input: { sessionId: session.id, ...input } }, shop.cashier.token);
    for (const [input, field] of [
      [{}, 'closingBalance'],
      [{ closingBalance: '-0.01' }, 'closingBalance'],
      [{ closingCount: { abc: 1 } }, 'closingCount'],
      [{ closingCount: { '10': -2 } }, 'closingCount'],
      [{ closingBalance: '10.00', closingCount: { '5': 1 } }, 'closingBalance'],
    ] as const) {
      const res = await close(input);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe(field);
    }
    expect(await countRows(t, 'cash_movements', 'session_id = ?', [session.id])).toBe(0);
    const [row] = await t.sql('select status from pos_sessions where id = ?', [session.id]);
    expect(row.status).toBe('OPEN');

    await t.ok(CLOSE_SESSION, { input: { sessionId: session.id, closingBalance: 100 } }, shop.cashier.token);
    const again = await close({ closingBalance: 100 });
    expect(codeOf(again)).toBe('SESSION_NOT_OPEN');
    expect(codeOf(await move({}))).toBe('SESSION_NOT_OPEN');
    const [after] = await t.sql('select closing_balance, closed_by_id from pos_sessions where id = ?', [session.id]);
    expect(after).toEqual({ closing_balance: '100.0000', closed_by_id: shop.cashier.id });
  });

  it('still counts and closes the drawer of a terminal deactivated mid-session', async () => {
    const shop = await setupShop(t);
    const session = await openSession(t, shop.cashier.token, { terminalId: shop.terminalId, openingBalance: 80 });
    await t.ok(DEACTIVATE_TERMINAL, { id: shop.terminalId }, shop.tenant.ownerToken);
    await t.ok(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: session.id, type: 'PAY_OUT', amount: 80, reason: 'bank drop' } },
      shop.cashier.token,
    );
    const closed = (
      await t.ok(CLOSE_SESSION, { input: { sessionId: session.id, closingBalance: 0 } }, shop.cashier.token)
    ).closeSession;
    expect(closed).toMatchObject({ status: 'CLOSED', expectedBalance: '0.00', variance: '0.00' });
  });
});

describe('reconcileSession', () => {
  it('is a manager sign-off of a closed session, once; cashiers may not', async () => {
    const shop = await setupShop(t);
    const session = await openSession(t, shop.cashier.token, { terminalId: shop.terminalId, openingBalance: 10 });
    const early = await t.gql(RECONCILE_SESSION, { input: { sessionId: session.id } }, shop.manager.token);
    expect(codeOf(early)).toBe('CONFLICT');
    await t.ok(CLOSE_SESSION, { input: { sessionId: session.id, closingBalance: 10 } }, shop.cashier.token);

    const byCashier = await t.gql(RECONCILE_SESSION, { input: { sessionId: session.id } }, shop.cashier.token);
    expect(codeOf(byCashier)).toBe('FORBIDDEN');
    const signed = (
      await t.ok(RECONCILE_SESSION, { input: { sessionId: session.id, notes: 'ok' } }, shop.manager.token)
    ).reconcileSession;
    expect(signed).toMatchObject({
      status: 'CLOSED',
      reconciled: true,
      reconcileNotes: 'ok',
      reconciledBy: { id: shop.manager.id },
    });
    expect(signed.reconciledAt).toEqual(expect.any(String));
    const twice = await t.gql(RECONCILE_SESSION, { input: { sessionId: session.id } }, shop.tenant.ownerToken);
    expect(codeOf(twice)).toBe('CONFLICT');
  });
});

describe('session queries', () => {
  let shop: Shop;
  let second: string;
  const ids: string[] = [];
  beforeAll(async () => {
    shop = await setupShop(t);
    second = await createTerminal(t, shop.tenant.ownerToken, shop.locationId);
    // Three closed sessions on the first terminal, one open on the second.
    for (let i = 0; i < 3; i++) {
      const s = await openSession(t, shop.cashier.token, { terminalId: shop.terminalId, openingBalance: i });
      await t.ok(CLOSE_SESSION, { input: { sessionId: s.id, closingBalance: i } }, shop.cashier.token);
      ids.push(s.id);
    }
    ids.push((await openSession(t, shop.cashier.token, { terminalId: second, openingBalance: 5 })).id);
    await t.ok(RECONCILE_SESSION, { input: { sessionId: ids[0] } }, shop.manager.token);
  });

  it('pages newest first with a stable cursor', async () => {
    const first = (await t.ok(SESSIONS, { first: 3 }, shop.cashier.token)).sessions;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges.map((e: any) => e.node.id)).toEqual([ids[3], ids[2], ids[1]]);
    const rest = (await t.ok(SESSIONS, { first: 3, after: first.pageInfo.endCursor }, shop.cashier.token)).sessions;
    expect(rest.edges.map((e: any) => e.node.id)).toEqual([ids[0]]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by terminal, status, reconciliation and time', async () => {
    const q = async (filter: Record<string, unknown>) =>
      (await t.ok(SESSIONS, { filter }, shop.cashier.token)).sessions.edges.map((e: any) => e.node.id);
    expect(await q({ terminalId: second })).toEqual([ids[3]]);
    expect(await q({ status: 'CLOSED' })).toEqual([ids[2], ids[1], ids[0]]);
    expect(await q({ status: 'CLOSED', reconciled: false })).toEqual([ids[2], ids[1]]);
    expect(await q({ reconciled: true })).toEqual([ids[0]]);
    expect(await q({ to: '2000-01-01T00:00:00Z' })).toEqual([]);
    expect(await q({ from: new Date(Date.now() - 3_600_000).toISOString() })).toHaveLength(4);
    expect(codeOf(await t.gql(SESSIONS, { filter: { terminalId: 'nope' } }, shop.cashier.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await t.gql(SESSIONS, { after: 'garbage' }, shop.cashier.token))).toBe('BAD_USER_INPUT');
  });

  it('loads a page of sessions with their terminals, openers and reports in a fixed number of queries', async () => {
    const one = await t.countQueries(() => t.ok(SESSIONS, { first: 1 }, shop.cashier.token));
    const four = await t.countQueries(() => t.ok(SESSIONS, { first: 4 }, shop.cashier.token));
    expect(four.count).toBe(one.count);
  });

  it('never shows another tenant its sessions', async () => {
    const other = await setupShop(t);
    expect((await t.ok(SESSION, { id: ids[0] }, other.cashier.token)).session).toBeNull();
    expect((await t.ok(SESSIONS, {}, other.cashier.token)).sessions.totalCount).toBe(0);
    expect(
      (await t.ok(SESSIONS, { filter: { terminalId: shop.terminalId } }, other.cashier.token)).sessions.totalCount,
    ).toBe(0);
    for (const [op, input] of [
      [CLOSE_SESSION, { sessionId: ids[3], closingBalance: 5 }],
      [RECONCILE_SESSION, { sessionId: ids[1] }],
      [RECORD_CASH_MOVEMENT, { sessionId: ids[3], type: 'PAY_IN', amount: 1, reason: 'x' }],
    ] as const) {
      expect(codeOf(await t.gql(op, { input }, other.manager.token))).toBe('NOT_FOUND');
    }
    const [row] = await t.sql('select status from pos_sessions where id = ?', [ids[3]]);
    expect(row.status).toBe('OPEN');
    expect(await countRows(t, 'cash_movements', 'session_id = ?', [ids[3]])).toBe(0);
  });

  it('answers null for an unknown or malformed id', async () => {
    expect(
      (await t.ok(SESSION, { id: '00000000-0000-0000-0000-000000000000' }, shop.cashier.token)).session,
    ).toBeNull();
    expect((await t.ok(SESSION, { id: 'not-a-uuid' }, shop.cashier.token)).session).toBeNull();
  });
});

it('a fresh tenant has no sessions', async () => {
  const tenant = await registerTenant(t);
  expect((await t.ok(SESSIONS, {}, tenant.ownerToken)).sessions).toEqual({
    totalCount: 0,
    pageInfo: { hasNextPage: false, endCursor: null },
    edges: [],
  });
});
