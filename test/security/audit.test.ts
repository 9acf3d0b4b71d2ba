import { randomUUID } from 'node:crypto';
import { deviceToken } from '../display/support';
import { cashSale, CREATE_REFUND, VOID_SALE } from '../checkout/checkout-support';
import { userWithRole } from '../support/fixtures';
import { addItem, APPLY_ITEM_DISCOUNT, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { RECORD_CASH_MOVEMENT } from '../support/operations';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  AUDIT_EVENTS,
  auditOf,
  CHANGE_PASSWORD,
  LOGIN_OP,
  manager,
  RESET_USER_PASSWORD,
  REVOKE_USER_TOKENS,
  SET_USER_PIN,
  UPDATE_USER,
} from './security-support';

describe('audit log', () => {
  let t: TestApp;
  let fx: PosFixture;
  const ownerAudit = (type: string) => auditOf(t, fx.ownerToken, type);

  /** A login with its own request id header, as a client or proxy would send it. */
  async function login(email: string, password: string, requestId: string) {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: LOGIN_OP, variables: { input: { tenantSlug: fx.tenant.slug, email, password } } }),
    });
    return (await res.json()) as { errors?: Array<{ extensions: { code: string } }> };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { THROTTLE_LOGIN_PER_ACCOUNT: '2' } });
    fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.00' }] });
  });
  afterAll(() => t.close());

  it('records logins: succeeded, failed and throttled, with the request id and the address', async () => {
    const m = await manager(t, fx.tenant);
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await login(m.email, fx.tenant.password, ids[0]);
    await login(m.email, 'wrong-1', ids[1]);
    await login(m.email, 'wrong-2', ids[2]);
    expect((await login(m.email, fx.tenant.password, ids[3])).errors?.[0].extensions.code).toBe('TOO_MANY_ATTEMPTS');
    const rowsFor = async (type: string) => (await ownerAudit(type)).filter((r: any) => r.subjectId === m.id);
    expect((await rowsFor('login.succeeded')).map((r: any) => r.requestId)).toContain(ids[0]);
    expect((await rowsFor('login.failed')).map((r: any) => r.requestId)).toEqual([ids[2], ids[1]]);
    const [throttled] = await rowsFor('login.throttled');
    expect(throttled).toMatchObject({ requestId: ids[3], actorId: m.id, actorKind: 'user', data: { email: m.email } });
    expect(typeof throttled.data.address).toBe('string');
  });

  it('records a failed login for an unknown email of the tenant, with no actor', async () => {
    const requestId = randomUUID();
    await login('nobody@nowhere.test', 'whatever', requestId);
    const [row] = (await ownerAudit('login.failed')).filter((r: any) => r.requestId === requestId);
    expect(row).toMatchObject({ actorId: null, actorKind: null, data: { email: 'nobody@nowhere.test' } });
  });

  it('records user changes, token revocations and a password change by their actor', async () => {
    const u = await userWithRole(t, fx.tenant, 'CASHIER');
    await t.ok(UPDATE_USER, { input: { userId: u.id, roles: ['MANAGER'] } }, fx.ownerToken);
    await t.ok(SET_USER_PIN, { input: { userId: u.id, pin: '5555' } }, fx.ownerToken);
    await t.ok(RESET_USER_PASSWORD, { input: { userId: u.id, newPassword: 'reset-by-owner' } }, fx.ownerToken);
    await t.ok(REVOKE_USER_TOKENS, { input: { userId: u.id } }, fx.ownerToken);
    const signedIn = await t.ok(LOGIN_OP, {
      input: { tenantSlug: fx.tenant.slug, email: u.email, password: 'reset-by-owner' },
    });
    await t.ok(
      CHANGE_PASSWORD,
      { input: { currentPassword: 'reset-by-owner', newPassword: 'changed-by-self' } },
      signedIn.login.token,
    );
    const byType = async (type: string) => (await ownerAudit(type)).filter((r: any) => r.subjectId === u.id);
    expect(await byType('user.created')).toMatchObject([{ actorId: fx.tenant.ownerId, data: { roles: ['CASHIER'] } }]);
    expect(await byType('user.updated')).toMatchObject([
      { actorId: fx.tenant.ownerId, data: { roles: { from: ['CASHIER'], to: ['MANAGER'] } } },
    ]);
    for (const type of ['user.pin_set', 'user.password_reset', 'user.tokens_revoked']) {
      expect((await byType(type)).map((r: any) => r.actorId)).toEqual([fx.tenant.ownerId]);
    }
    expect((await byType('user.password_changed')).map((r: any) => r.actorId)).toEqual([u.id]);
  });

  it('records a void, a refund, a pay-out, a device-token revocation and a settings change', async () => {
    const sold = await cashSale(t, fx, { MUG: 1 });
    const refunded = await cashSale(t, fx, { MUG: 1 });
    await t.ok(VOID_SALE, { input: { saleId: sold.id, reason: 'wrong item' } }, fx.ownerToken);
    await t.ok(
      CREATE_REFUND,
      {
        input: {
          saleId: refunded.id,
          sessionId: fx.sessionId,
          amount: '5.00',
          method: 'CASH',
          reason: 'chipped',
          idempotencyKey: randomUUID(),
        },
      },
      fx.cashier.token,
    );
    await t.ok(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: fx.sessionId, type: 'PAY_OUT', amount: '3.00', reason: 'milk' } },
      fx.cashier.token,
    );
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const tokenId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
    await t.ok(`mutation($id: ID!) { revokeDeviceToken(id: $id) }`, { id: tokenId }, fx.ownerToken);
    await t.ok(
      `mutation { updateTenantSettings(input: { discountApprovalThreshold: "15" }) { id } }`,
      {},
      fx.ownerToken,
    );

    expect(await ownerAudit('sale.voided')).toMatchObject([
      { subjectId: sold.id, actorId: fx.tenant.ownerId, data: { reason: 'wrong item' } },
    ]);
    expect(await ownerAudit('refund.created')).toMatchObject([
      { actorId: fx.cashier.id, data: { saleId: refunded.id, amount: '5.00', method: 'CASH' } },
    ]);
    expect(await ownerAudit('cash.paid_out')).toMatchObject([
      { actorId: fx.cashier.id, data: { amount: '3.00', reason: 'milk', approverId: null } },
    ]);
    expect(await ownerAudit('device_token.revoked')).toMatchObject([
      { subjectId: tokenId, actorId: fx.tenant.ownerId },
    ]);
    expect(await ownerAudit('tenant.settings_updated')).toMatchObject([
      { data: { changed: ['discountApprovalThreshold'] } },
    ]);
  });

  it('writes nothing for a change that did not happen (the row is in its transaction)', async () => {
    const before = (await ownerAudit('cash.paid_out')).length;
    const refused = await t.gql(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: fx.sessionId, type: 'PAY_OUT', amount: '9999.00', reason: 'x' } },
      fx.cashier.token,
    );
    expect(codeOf(refused)).toBe('PAY_OUT_EXCEEDS_CASH');
    expect(await ownerAudit('cash.paid_out')).toHaveLength(before);
  });

  it('records failed and throttled approval PINs', async () => {
    await t.ok(
      `mutation { updateTenantSettings(input: { approvalPolicy: { payOutThreshold: "1.00" } }) { id } }`,
      {},
      fx.ownerToken,
    );
    const cashier = await userWithRole(t, fx.tenant, 'CASHIER');
    const payOut = () =>
      t.gql(
        RECORD_CASH_MOVEMENT,
        { input: { sessionId: fx.sessionId, type: 'PAY_OUT', amount: '2.00', reason: 'x', approvedByPin: '0000' } },
        cashier.token,
      );
    for (let i = 0; i < 11; i++) await payOut();
    const mine = async (type: string) => (await ownerAudit(type)).filter((r: any) => r.actorId === cashier.id);
    expect(await mine('approval.failed')).toHaveLength(10);
    expect(await mine('approval.throttled')).toMatchObject([{ subjectId: fx.sessionId, data: { action: 'pay_out' } }]);
  });

  it('records who approved a discount, with the method', async () => {
    const approver = await manager(t, fx.tenant, '7531');
    const cart = await newCart(t, fx);
    const line = await addItem(t, fx, cart.id, 'MUG', 1);
    const itemId = line.items[0].id;
    await t.ok(
      APPLY_ITEM_DISCOUNT,
      { input: { cartId: cart.id, itemId, type: 'PERCENTAGE', value: '5', reason: 'small' } },
      fx.cashier.token,
    );
    expect((await ownerAudit('approval.granted')).filter((r: any) => r.subjectId === itemId)).toEqual([]); // under the threshold
    await t.ok(
      APPLY_ITEM_DISCOUNT,
      { input: { cartId: cart.id, itemId, type: 'PERCENTAGE', value: '90', reason: 'damaged', approvedByPin: '7531' } },
      fx.cashier.token,
    );
    const rows = (await ownerAudit('approval.granted')).filter((r: any) => r.subjectId === itemId);
    expect(rows).toMatchObject([
      {
        actorId: fx.cashier.id,
        subjectType: 'SaleItem',
        data: { action: 'item_discount', method: 'pin', approverId: approver.id },
      },
    ]);
  });

  it('pages newest first and filters by actor and time', async () => {
    const first = await t.ok(AUDIT_EVENTS, { first: 2 }, fx.ownerToken);
    expect(first.auditEvents.edges).toHaveLength(2);
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    const next = await t.ok(AUDIT_EVENTS, { first: 2, after: first.auditEvents.pageInfo.endCursor }, fx.ownerToken);
    const times = [...first.auditEvents.edges, ...next.auditEvents.edges].map((e: any) => e.node.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const byCashier = await t.ok(AUDIT_EVENTS, { filter: { actorId: fx.cashier.id }, first: 100 }, fx.ownerToken);
    expect(byCashier.auditEvents.edges.every((e: any) => e.node.actorId === fx.cashier.id)).toBe(true);
    const future = await t.ok(AUDIT_EVENTS, { filter: { from: '2100-01-01T00:00:00Z' } }, fx.ownerToken);
    expect(future.auditEvents.totalCount).toBe(0);
  });
});
