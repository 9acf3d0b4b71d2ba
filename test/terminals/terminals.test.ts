import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  countRows,
  CREATE_LOCATION,
  CREATE_TERMINAL,
  createTerminal,
  DEACTIVATE_TERMINAL,
  OPEN_SESSION,
  setupShop,
  TERMINAL,
  TERMINALS,
  UPDATE_TERMINAL,
} from './support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('terminals', () => {
  it('creates a terminal at a location (code upper-cased) that cashiers can read', async () => {
    const shop = await setupShop(t);
    const created = (
      await t.ok(
        CREATE_TERMINAL,
        { input: { name: ' Checkout A ', code: 'pos-002', locationId: shop.locationId } },
        shop.tenant.ownerToken,
      )
    ).createTerminal;
    expect(created).toMatchObject({
      name: 'Checkout A',
      code: 'POS-002',
      isActive: true,
      locationId: shop.locationId,
      location: { id: shop.locationId, code: 'MAIN' },
    });
    expect((await t.ok(TERMINAL, { id: created.id }, shop.cashier.token)).terminal).toMatchObject({
      id: created.id,
      code: 'POS-002',
    });
    const list = (await t.ok(TERMINALS, {}, shop.cashier.token)).terminals;
    expect(list.map((x: any) => x.code)).toEqual(['POS-001', 'POS-002']);
  });

  it('refuses a code already used in the tenant (any case) and bad input, writing nothing', async () => {
    const shop = await setupShop(t);
    const before = await countRows(t, 'pos_terminals', 'tenant_id = ?', [shop.tenantId]);
    for (const [input, field] of [
      [{ name: 'Again', code: 'pos-001', locationId: shop.locationId }, 'code'],
      [{ name: 'Bad', code: 'has space', locationId: shop.locationId }, 'code'],
      [{ name: 'Bad', code: 'X'.repeat(21), locationId: shop.locationId }, 'code'],
      [{ name: '', code: 'OK-1', locationId: shop.locationId }, 'name'],
      [{ name: 'Bad', code: 'OK-2', locationId: 'not-a-uuid' }, 'locationId'],
    ] as const) {
      const res = await t.gql(CREATE_TERMINAL, { input }, shop.tenant.ownerToken);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe(field);
    }
    expect(await countRows(t, 'pos_terminals', 'tenant_id = ?', [shop.tenantId])).toBe(before);
  });

  it('lets only terminal managers create, change and deactivate terminals', async () => {
    const shop = await setupShop(t);
    const create = await t.gql(
      CREATE_TERMINAL,
      { input: { name: 'X', code: 'X-1', locationId: shop.locationId } },
      shop.cashier.token,
    );
    expect(codeOf(create)).toBe('FORBIDDEN');
    expect(
      codeOf(await t.gql(UPDATE_TERMINAL, { id: shop.terminalId, input: { name: 'Y' } }, shop.cashier.token)),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(DEACTIVATE_TERMINAL, { id: shop.terminalId }, shop.cashier.token))).toBe('FORBIDDEN');
    await createTerminal(t, shop.manager.token, shop.locationId, 'MGR-1');
  });

  it('renames, moves, deactivates (soft) and reactivates a terminal', async () => {
    const shop = await setupShop(t);
    const annex = (await t.ok(CREATE_LOCATION, { input: { name: 'Annex', code: 'ANNEX' } }, shop.tenant.ownerToken))
      .createLocation.id;
    const moved = (
      await t.ok(
        UPDATE_TERMINAL,
        { id: shop.terminalId, input: { name: 'Front', locationId: annex } },
        shop.manager.token,
      )
    ).updateTerminal;
    expect(moved).toMatchObject({ name: 'Front', code: 'POS-001', locationId: annex, isActive: true });
    expect((await t.ok(TERMINALS, { locationId: annex }, shop.cashier.token)).terminals).toHaveLength(1);
    expect((await t.ok(TERMINALS, { locationId: shop.locationId }, shop.cashier.token)).terminals).toHaveLength(0);

    expect(
      (await t.ok(DEACTIVATE_TERMINAL, { id: shop.terminalId }, shop.manager.token)).deactivateTerminal.isActive,
    ).toBe(false);
    expect((await t.ok(TERMINALS, {}, shop.cashier.token)).terminals).toEqual([]);
    expect((await t.ok(TERMINALS, { includeInactive: true }, shop.cashier.token)).terminals).toEqual([
      { id: shop.terminalId, code: 'POS-001', isActive: false },
    ]);
    expect((await t.ok(TERMINAL, { id: shop.terminalId }, shop.cashier.token)).terminal.isActive).toBe(false);
    const refused = await t.gql(
      OPEN_SESSION,
      { input: { terminalId: shop.terminalId, openingBalance: 0 } },
      shop.cashier.token,
    );
    expect(codeOf(refused)).toBe('TERMINAL_INACTIVE');

    await t.ok(UPDATE_TERMINAL, { id: shop.terminalId, input: { isActive: true } }, shop.manager.token);
    await t.ok(OPEN_SESSION, { input: { terminalId: shop.terminalId, openingBalance: 0 } }, shop.cashier.token);
  });

  it("refuses another tenant's terminals and locations as NOT_FOUND (null for reads)", async () => {
    const shop = await setupShop(t);
    const other = await setupShop(t);
    expect((await t.ok(TERMINAL, { id: other.terminalId }, shop.tenant.ownerToken)).terminal).toBeNull();
    expect((await t.ok(TERMINALS, { locationId: other.locationId }, shop.tenant.ownerToken)).terminals).toEqual([]);
    expect(
      codeOf(await t.gql(UPDATE_TERMINAL, { id: other.terminalId, input: { name: 'Mine' } }, shop.tenant.ownerToken)),
    ).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(DEACTIVATE_TERMINAL, { id: other.terminalId }, shop.tenant.ownerToken))).toBe(
      'NOT_FOUND',
    );
    expect(
      codeOf(
        await t.gql(
          UPDATE_TERMINAL,
          { id: shop.terminalId, input: { locationId: other.locationId } },
          shop.tenant.ownerToken,
        ),
      ),
    ).toBe('NOT_FOUND');
    const create = await t.gql(
      CREATE_TERMINAL,
      { input: { name: 'X', code: 'X-9', locationId: other.locationId } },
      shop.tenant.ownerToken,
    );
    expect(codeOf(create)).toBe('NOT_FOUND');
    const [row] = await t.sql('select name, is_active, location_id from pos_terminals where id = ?', [
      other.terminalId,
    ]);
    expect(row).toEqual({ name: 'Register POS-001', is_active: true, location_id: other.locationId });
    // The same code in two tenants is fine.
    expect((await t.ok(TERMINAL, { id: other.terminalId }, other.cashier.token)).terminal.code).toBe('POS-001');
  });
});
