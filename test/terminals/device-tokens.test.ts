import { assertDeviceBoundTo } from '../../src/auth/device-access';
import type { RequestContext } from '../../src/context';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  createTerminal,
  DEACTIVATE_TERMINAL,
  DEVICE_TOKENS,
  ISSUE_DEVICE_TOKEN,
  OPEN_SESSION,
  openSession,
  REVOKE_DEVICE_TOKEN,
  SESSION,
  setupShop,
  Shop,
  TERMINAL,
  TERMINALS,
  UPDATE_TERMINAL,
} from './support';

const ME = /* GraphQL */ `
  query DeviceMe {
    me {
      id
    }
  }
`;

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp();
  shop = await setupShop(t);
});
afterAll(() => t.close());

async function issue(terminalId: string, kind: 'DISPLAY' | 'HARDWARE_AGENT', token = shop.manager.token) {
  return (await t.ok(ISSUE_DEVICE_TOKEN, { input: { terminalId, kind, label: 'front' } }, token)).issueDeviceToken;
}

describe('device tokens', () => {
  it('issues a token bound to one terminal and kind, shown once', async () => {
    const issued = await issue(shop.terminalId, 'DISPLAY');
    expect(issued).toMatchObject({
      kind: 'DISPLAY',
      label: 'front',
      revokedAt: null,
      terminal: { id: shop.terminalId },
    });
    expect(issued.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const listed = (await t.ok(DEVICE_TOKENS, { terminalId: shop.terminalId }, shop.cashier.token)).deviceTokens;
    expect(listed).toContainEqual({ ...issued, token: null });
    const [row] = await t.sql('select terminal_id, kind, created_by_id, revoked_at from device_tokens where id = ?', [
      issued.id,
    ]);
    expect(row).toEqual({
      terminal_id: shop.terminalId,
      kind: 'DISPLAY',
      created_by_id: shop.manager.id,
      revoked_at: null,
    });
  });

  it('grants a DISPLAY token nothing a user needs a permission for: no sessions, no terminal reads', async () => {
    const other = await createTerminal(t, shop.tenant.ownerToken, shop.locationId);
    const display = (await issue(shop.terminalId, 'DISPLAY')).token;
    const open = await t.gql(OPEN_SESSION, { input: { terminalId: shop.terminalId, openingBalance: 0 } }, display);
    expect(codeOf(open)).toBe('FORBIDDEN');
    // Devices hold no read permission at all, so their own terminal is as FORBIDDEN as another one.
    expect(codeOf(await t.gql(TERMINAL, { id: other }, display))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(TERMINAL, { id: shop.terminalId }, display))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(TERMINALS, {}, display))).toBe('FORBIDDEN');
    expect(
      codeOf(await t.gql(ISSUE_DEVICE_TOKEN, { input: { terminalId: shop.terminalId, kind: 'DISPLAY' } }, display)),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(ME, {}, display))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql('{ tenant { id reportRecipients } }', {}, display))).toBe('FORBIDDEN');
    const agent = (await issue(shop.terminalId, 'HARDWARE_AGENT')).token;
    expect(
      codeOf(await t.gql(OPEN_SESSION, { input: { terminalId: shop.terminalId, openingBalance: 0 } }, agent)),
    ).toBe('FORBIDDEN');
    const session = await openSession(t, shop.cashier.token, { terminalId: other, openingBalance: 0 });
    expect(codeOf(await t.gql(SESSION, { id: session.id }, agent))).toBe('FORBIDDEN');
  });

  it('ends a revoked token at once (UNAUTHENTICATED), and revoking is idempotent', async () => {
    const issued = await issue(shop.terminalId, 'DISPLAY');
    expect(codeOf(await t.gql(ME, {}, issued.token))).toBe('FORBIDDEN'); // authenticated, just not allowed
    expect((await t.ok(REVOKE_DEVICE_TOKEN, { id: issued.id }, shop.manager.token)).revokeDeviceToken).toBe(true);
    const res = await t.gql(ME, {}, issued.token);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect((await t.ok(REVOKE_DEVICE_TOKEN, { id: issued.id }, shop.manager.token)).revokeDeviceToken).toBe(true);
    const listed = (await t.ok(DEVICE_TOKENS, { terminalId: shop.terminalId }, shop.manager.token)).deviceTokens;
    expect(listed.map((d: any) => d.id)).not.toContain(issued.id);
    const all = (await t.ok(DEVICE_TOKENS, { terminalId: shop.terminalId, includeRevoked: true }, shop.manager.token))
      .deviceTokens;
    expect(all.find((d: any) => d.id === issued.id).revokedAt).toEqual(expect.any(String));
  });

  it('refuses the tokens of a deactivated terminal until it is reactivated', async () => {
    const terminalId = await createTerminal(t, shop.tenant.ownerToken, shop.locationId);
    const { token } = await issue(terminalId, 'HARDWARE_AGENT');
    await t.ok(DEACTIVATE_TERMINAL, { id: terminalId }, shop.manager.token);
    expect(codeOf(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    const refused = await t.gql(ISSUE_DEVICE_TOKEN, { input: { terminalId, kind: 'DISPLAY' } }, shop.manager.token);
    expect(codeOf(refused)).toBe('TERMINAL_INACTIVE');
    await t.ok(UPDATE_TERMINAL, { id: terminalId, input: { isActive: true } }, shop.manager.token);
    expect(codeOf(await t.gql(ME, {}, token))).toBe('FORBIDDEN');
  });

  it('lets only terminal managers issue and revoke, within their tenant', async () => {
    const issued = await issue(shop.terminalId, 'DISPLAY');
    expect(
      codeOf(
        await t.gql(
          ISSUE_DEVICE_TOKEN,
          { input: { terminalId: shop.terminalId, kind: 'DISPLAY' } },
          shop.cashier.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(REVOKE_DEVICE_TOKEN, { id: issued.id }, shop.cashier.token))).toBe('FORBIDDEN');
    const other = await setupShop(t);
    expect(
      codeOf(
        await t.gql(
          ISSUE_DEVICE_TOKEN,
          { input: { terminalId: shop.terminalId, kind: 'DISPLAY' } },
          other.manager.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(REVOKE_DEVICE_TOKEN, { id: issued.id }, other.manager.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(DEVICE_TOKENS, { terminalId: shop.terminalId }, other.manager.token))).toBe('NOT_FOUND');
    const [row] = await t.sql('select revoked_at from device_tokens where id = ?', [issued.id]);
    expect(row.revoked_at).toBeNull();
  });
});

describe('assertDeviceBoundTo', () => {
  const ctxOf = (actor: RequestContext['actor']) => ({ actor }) as RequestContext;
  const device = (terminalId: string, deviceKind: 'DISPLAY' | 'HARDWARE_AGENT') =>
    ctxOf({ kind: 'device', tokenId: 'tok', terminalId, deviceKind });

  it('passes a device of the right kind on its own terminal, and users', () => {
    expect(() => assertDeviceBoundTo(device('T1', 'DISPLAY'), 'T1', 'DISPLAY')).not.toThrow();
    expect(() => assertDeviceBoundTo(ctxOf({ kind: 'user', userId: 'u', roles: [] }), 'T1', 'DISPLAY')).not.toThrow();
  });

  it.each([
    ['another terminal', device('T2', 'DISPLAY'), 'FORBIDDEN'],
    ['another kind', device('T1', 'HARDWARE_AGENT'), 'FORBIDDEN'],
    ['no actor', ctxOf(undefined), 'UNAUTHENTICATED'],
  ])('refuses %s', (_label, ctx, code) => {
    expect(() => assertDeviceBoundTo(ctx, 'T1', 'DISPLAY')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code }) }),
    );
  });
});
