import { Client } from 'graphql-ws';
import { CART_UPDATED, deviceToken } from '../display/support';
import { Revocation } from '../../src/services/security/revocations';
import { UPDATE_TERMINAL } from '../support/operations';
import { addRegister, APPLY_ITEM_DISCOUNT, addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { LOGIN } from '../support/fixtures';
import { collect, wsClient } from '../support/subscriptions';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import {
  CHANGE_PASSWORD,
  CREATE_PRODUCT_MIN,
  manager,
  ME,
  productInput,
  RESET_USER_PASSWORD,
  REVOKE_USER_TOKENS,
  SALE_COMPLETED,
  UPDATE_USER,
} from './security-support';

/** The 1 s promise: an open subscription of a revoked person or device completes within it. */
const ONE_SECOND = 1000;

describe('tokens follow the database', () => {
  let t: TestApp;
  let fx: PosFixture;
  const clients: Client[] = [];
  const client = (token: string, on: TestApp = t) => {
    const c = wsClient(on.url, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'TEA', price: '10.00' }] });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => t.close());

  /** A manager who can create products and watches completed sales over a WebSocket. */
  async function watchingManager() {
    const m = await manager(t, fx.tenant);
    expect(codeOf(await t.gql(CREATE_PRODUCT_MIN, productInput(), m.token))).toBeUndefined();
    const sub = collect(client(m.token), SALE_COMPLETED, {}, 'saleCompleted');
    await untilWatched(t, { tenantId: tenantOf(m.token), userId: m.id });
    return { ...m, sub };
  }

  it('refuses a deactivated manager on the next request and ends their open subscription within 1 s', async () => {
    const m = await watchingManager();
    await t.ok(UPDATE_USER, { input: { userId: m.id, isActive: false } }, fx.ownerToken);
    expect(codeOf(await t.gql(ME, {}, m.token))).toBe('UNAUTHENTICATED');
    await m.sub.waitForCompletion(ONE_SECOND);
  });

  it('applies a demotion to CASHIER on the next request (roles from the database) and ends the subscription', async () => {
    const m = await watchingManager();
    await t.ok(UPDATE_USER, { input: { userId: m.id, roles: ['CASHIER'] } }, fx.ownerToken);
    expect(codeOf(await t.gql(CREATE_PRODUCT_MIN, productInput(), m.token))).toBe('FORBIDDEN');
    expect((await t.ok(ME, {}, m.token)).me.roles).toEqual(['CASHIER']);
    await m.sub.waitForCompletion(ONE_SECOND);
  });

  it('ends every token of a user whose password was reset, and their subscription', async () => {
    const m = await watchingManager();
    await t.ok(RESET_USER_PASSWORD, { input: { userId: m.id, newPassword: 'a-new-password-1' } }, fx.ownerToken);
    expect(codeOf(await t.gql(ME, {}, m.token))).toBe('UNAUTHENTICATED');
    await m.sub.waitForCompletion(ONE_SECOND);
    const again = await t.ok(LOGIN, {
      input: { tenantSlug: fx.tenant.slug, email: m.email, password: 'a-new-password-1' },
    });
    expect((await t.ok(ME, {}, again.login.token)).me.id).toBe(m.id);
  });

  it('revokeUserTokens ends the tokens and subscriptions; signing in again works', async () => {
    const m = await watchingManager();
    await t.ok(REVOKE_USER_TOKENS, { input: { userId: m.id } }, fx.ownerToken);
    expect(codeOf(await t.gql(ME, {}, m.token))).toBe('UNAUTHENTICATED');
    await m.sub.waitForCompletion(ONE_SECOND);
    const again = await t.ok(LOGIN, {
      input: { tenantSlug: fx.tenant.slug, email: m.email, password: fx.tenant.password },
    });
    expect(codeOf(await t.gql(ME, {}, again.login.token))).toBeUndefined();
  });

  it('changePassword answers a new token and ends the old one', async () => {
    const m = await manager(t, fx.tenant);
    const changed = await t.ok(
      CHANGE_PASSWORD,
      { input: { currentPassword: fx.tenant.password, newPassword: 'changed-by-me-1' } },
      m.token,
    );
    expect(codeOf(await t.gql(ME, {}, m.token))).toBe('UNAUTHENTICATED');
    expect((await t.ok(ME, {}, changed.changePassword.token)).me.id).toBe(m.id);
  });

  it("refuses a deleted user's token", async () => {
    const m = await manager(t, fx.tenant);
    await t.sql('delete from users where id = ?', [m.id]);
    expect(codeOf(await t.gql(ME, {}, m.token))).toBe('UNAUTHENTICATED');
  });

  it('refuses the approver token of a deactivated manager', async () => {
    const m = await manager(t, fx.tenant);
    const cart = await newCart(t, fx);
    const line = await addItem(t, fx, cart.id, 'TEA', 1);
    const discount = (approverToken: string) =>
      t.gql(
        APPLY_ITEM_DISCOUNT,
        {
          input: {
            cartId: cart.id,
            itemId: line.items[0].id,
            type: 'PERCENTAGE',
            value: '90',
            reason: 'damaged',
            approverToken,
          },
        },
        fx.cashier.token,
      );
    expect(codeOf(await discount(m.token))).toBeUndefined();
    await t.ok(UPDATE_USER, { input: { userId: m.id, isActive: false } }, fx.ownerToken);
    expect(codeOf(await discount(m.token))).toBe('DISCOUNT_APPROVAL_REQUIRED');
  });

  it("ends a revoked DISPLAY token's open subscription within 1 s", async () => {
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const display = collect(client(token), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    const deviceTokenId = subjectOf(token);
    await untilWatched(t, { tenantId: tenantOf(token), deviceTokenId });
    await t.ok(`mutation($id: ID!) { revokeDeviceToken(id: $id) }`, { id: deviceTokenId }, fx.ownerToken);
    await display.waitForCompletion(ONE_SECOND);
  });

  it('ends the DISPLAY subscriptions of a terminal that is deactivated', async () => {
    const register = await addRegister(t, fx.ownerToken, fx.locationId, { open: false });
    const token = await deviceToken(t, fx.ownerToken, register.terminalId, 'DISPLAY');
    const display = collect(client(token), CART_UPDATED, { terminalId: register.terminalId }, 'cartUpdated');
    await untilWatched(t, { tenantId: tenantOf(token), terminalId: register.terminalId });
    await t.ok(UPDATE_TERMINAL, { id: register.terminalId, input: { isActive: false } }, fx.ownerToken);
    await display.waitForCompletion(ONE_SECOND);
  });
});

describe('revocation across two server instances (Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  const clients: Client[] = [];
  beforeAll(async () => {
    a = await startTestApp({ redis: true });
    b = await startTestApp({ redis: true, sameDatabaseAs: a });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a manager deactivated through A loses the subscription held on B within 1 s, and B refuses the token', async () => {
    const fx = await setupPos(a);
    const m = await manager(a, fx.tenant);
    expect((await b.ok(ME, {}, m.token)).me.id).toBe(m.id); // B now holds the user in its cache
    const c = wsClient(b.url, m.token);
    clients.push(c);
    const sub = collect(c, SALE_COMPLETED, {}, 'saleCompleted');
    await untilWatched(b, { tenantId: tenantOf(m.token), userId: m.id });
    await a.ok(UPDATE_USER, { input: { userId: m.id, isActive: false } }, fx.ownerToken);
    await sub.waitForCompletion(ONE_SECOND);
    expect(codeOf(await b.gql(ME, {}, m.token))).toBe('UNAUTHENTICATED');
  });

  it('a DISPLAY token revoked through A ends its subscription on B within 1 s', async () => {
    const fx = await setupPos(a);
    const token = await deviceToken(a, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const c = wsClient(b.url, token);
    clients.push(c);
    const display = collect(c, CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    await untilWatched(b, { tenantId: tenantOf(token), deviceTokenId: subjectOf(token) });
    await a.ok(`mutation($id: ID!) { revokeDeviceToken(id: $id) }`, { id: subjectOf(token) }, fx.ownerToken);
    await display.waitForCompletion(ONE_SECOND);
  });
});

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const tenantOf = (token: string): string => claims(token).tid;
const subjectOf = (token: string): string => claims(token).sub;

/** Waits until the server has registered the subscription (so the revocation is not earlier than it). */
async function untilWatched(t: TestApp, revocation: Revocation) {
  for (let i = 0; i < 250 && t.app.services.revocations.watching(revocation) === 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  expect(t.app.services.revocations.watching(revocation)).toBeGreaterThan(0);
}
