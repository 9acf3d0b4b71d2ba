import { deviceToken } from '../display/support';
import { registerTenant, TenantFixture, userWithRole } from '../support/fixtures';
import { addRegister } from '../support/pos-fixtures';
import { CREATE_LOCATION } from '../support/operations';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  AUDIT_EVENTS,
  CHANGE_PASSWORD,
  LOGIN_OP,
  RESET_USER_PASSWORD,
  REVOKE_USER_TOKENS,
  SET_USER_PIN,
  UPDATE_USER,
  USERS,
} from './security-support';

describe('user administration', () => {
  let t: TestApp;
  let tenant: TenantFixture;
  let callers: Record<'OWNER' | 'MANAGER' | 'CASHIER' | 'DISPLAY', string>;
  let target: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t);
    const location = await t.ok(CREATE_LOCATION, { input: { name: 'Main', code: 'MAIN' } }, tenant.ownerToken);
    const register = await addRegister(t, tenant.ownerToken, location.createLocation.id, { open: false });
    callers = {
      OWNER: tenant.ownerToken,
      MANAGER: (await userWithRole(t, tenant, 'MANAGER')).token,
      CASHIER: (await userWithRole(t, tenant, 'CASHIER')).token,
      DISPLAY: await deviceToken(t, tenant.ownerToken, register.terminalId, 'DISPLAY'),
    };
    target = await userWithRole(t, tenant, 'CASHIER');
  });
  afterAll(() => t.close());

  const ownerOnly: Array<[string, string, () => Record<string, unknown>]> = [
    ['users', USERS, () => ({ includeInactive: true })],
    ['updateUser', UPDATE_USER, () => ({ input: { userId: target.id, name: 'Renamed' } })],
    [
      'resetUserPassword',
      RESET_USER_PASSWORD,
      () => ({ input: { userId: target.id, newPassword: 'reset-password-1' } }),
    ],
    ['setUserPin', SET_USER_PIN, () => ({ input: { userId: target.id, pin: '4321' } })],
    ['revokeUserTokens', REVOKE_USER_TOKENS, () => ({ input: { userId: target.id } })],
    ['auditEvents', AUDIT_EVENTS, () => ({ first: 5 })],
  ];

  it.each(ownerOnly)(
    '%s: OWNER only (MANAGER, CASHIER and devices FORBIDDEN, no token UNAUTHENTICATED)',
    async (_name, op, vars) => {
      expect(codeOf(await t.gql(op, vars(), callers.OWNER))).toBeUndefined();
      for (const role of ['MANAGER', 'CASHIER', 'DISPLAY'] as const)
        expect(codeOf(await t.gql(op, vars(), callers[role]))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(op, vars()))).toBe('UNAUTHENTICATED');
    },
  );

  it('changePassword: any signed-in user, for their own password only; devices FORBIDDEN', async () => {
    for (const role of ['OWNER', 'MANAGER', 'CASHIER'] as const) {
      const user = role === 'OWNER' ? await userWithRole(t, tenant, 'OWNER') : await userWithRole(t, tenant, role);
      const res = await t.gql(
        CHANGE_PASSWORD,
        { input: { currentPassword: tenant.password, newPassword: 'my-own-new-pass' } },
        user.token,
      );
      expect(res.data?.changePassword.user.id).toBe(user.id);
    }
    const wrong = await t.gql(
      CHANGE_PASSWORD,
      { input: { currentPassword: 'not-it', newPassword: 'my-own-new-pass' } },
      callers.CASHIER,
    );
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await t.gql(
          CHANGE_PASSWORD,
          { input: { currentPassword: 'x', newPassword: 'my-own-new-pass' } },
          callers.DISPLAY,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('lists active users, and inactive ones when asked', async () => {
    const gone = await userWithRole(t, tenant, 'CASHIER');
    await t.ok(UPDATE_USER, { input: { userId: gone.id, isActive: false } }, tenant.ownerToken);
    const active = (await t.ok(USERS, {}, tenant.ownerToken)).users.map((u: { id: string }) => u.id);
    const all = (await t.ok(USERS, { includeInactive: true }, tenant.ownerToken)).users.map(
      (u: { id: string }) => u.id,
    );
    expect(active).not.toContain(gone.id);
    expect(all).toContain(gone.id);
    expect(
      codeOf(
        await t.gql(LOGIN_OP, { input: { tenantSlug: tenant.slug, email: gone.email, password: tenant.password } }),
      ),
    ).toBe('UNAUTHENTICATED');
  });

  it('keeps the last active OWNER an active OWNER (LAST_OWNER), and lets one of two go', async () => {
    const own = await registerTenant(t);
    const demote = (token: string, userId: string) =>
      t.gql(UPDATE_USER, { input: { userId, roles: ['MANAGER'] } }, token);
    expect(codeOf(await demote(own.ownerToken, own.ownerId))).toBe('LAST_OWNER');
    expect(codeOf(await t.gql(UPDATE_USER, { input: { userId: own.ownerId, isActive: false } }, own.ownerToken))).toBe(
      'LAST_OWNER',
    );
    const second = await userWithRole(t, own, 'OWNER');
    expect((await demote(own.ownerToken, own.ownerId)).data?.updateUser.roles).toEqual(['MANAGER']);
    expect(codeOf(await t.gql(UPDATE_USER, { input: { userId: second.id, isActive: false } }, second.token))).toBe(
      'LAST_OWNER',
    );
  });

  it("answers NOT_FOUND for another tenant's user, and never changes them", async () => {
    const other = await registerTenant(t);
    for (const [op, input] of [
      [UPDATE_USER, { userId: other.ownerId, isActive: false }],
      [RESET_USER_PASSWORD, { userId: other.ownerId, newPassword: 'hijacked-pass' }],
      [SET_USER_PIN, { userId: other.ownerId, pin: '1234' }],
      [REVOKE_USER_TOKENS, { userId: other.ownerId }],
    ] as const) {
      expect(codeOf(await t.gql(op, { input }, tenant.ownerToken))).toBe('NOT_FOUND');
    }
    expect(codeOf(await t.gql(USERS, {}, other.ownerToken))).toBeUndefined();
  });

  it('bounds its inputs (BAD_USER_INPUT)', async () => {
    const bad: Array<[string, Record<string, unknown>]> = [
      [UPDATE_USER, { userId: 'not-a-uuid', name: 'x' }],
      [UPDATE_USER, { userId: target.id, roles: [] }],
      [UPDATE_USER, { userId: target.id, name: 'x'.repeat(201) }],
      [RESET_USER_PASSWORD, { userId: target.id, newPassword: 'short' }],
      [RESET_USER_PASSWORD, { userId: target.id, newPassword: 'x'.repeat(201) }],
      [SET_USER_PIN, { userId: target.id, pin: '12a4' }],
      [SET_USER_PIN, { userId: target.id, pin: '123456789' }],
    ];
    for (const [op, input] of bad)
      expect([op, codeOf(await t.gql(op, { input }, tenant.ownerToken))]).toEqual([op, 'BAD_USER_INPUT']);
    expect(codeOf(await t.gql(AUDIT_EVENTS, { first: 101 }, tenant.ownerToken))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(AUDIT_EVENTS, { filter: { type: 'no.such' } }, tenant.ownerToken))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
