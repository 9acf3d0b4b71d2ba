import { Client } from 'graphql-ws';
import { registerTenant } from '../support/fixtures';
import { addItem, addRegister, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { collect, subscriptionErrorCode, wsClient } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';
import { CART_UPDATED, changeUntilHeard, deviceToken, HARDWARE_COMMANDS } from './support';

interface Display {
  terminalId: string;
  cartId: string;
  event: string;
  version: number;
  items: Array<{ name: string; quantity: number; unitPrice: string; lineTotal: string }>;
  subtotal: string;
  totalAmount: string;
  amountDue: string;
  currency: string;
}

describe('subscription access (cartUpdated, hardwareCommands)', () => {
  let t: TestApp;
  let fx: PosFixture;
  let t2: string;
  const clients: Client[] = [];
  const client = (token?: string) => {
    const c = wsClient(t.url, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'TEA', name: 'Green tea', price: '3.50', taxRate: '0.1' }] });
    t2 = (await addRegister(t, fx.ownerToken, fx.locationId)).terminalId;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await t.close();
  });

  it("delivers a committed cart change to its terminal's DISPLAY token with the new totals", async () => {
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const sub = collect<Display>(client(token), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    const cart = await newCart(t, fx);
    let latest = cart;
    const heard = await changeUntilHeard(
      sub,
      async () => (latest = await addItem(t, fx, cart.id, 'TEA', 1)),
      (d) => d.cartId === cart.id && d.version === latest.version,
    );
    expect(heard).toMatchObject({
      terminalId: fx.terminalId,
      event: 'ITEM_ADDED',
      currency: 'USD',
      storeName: `Tenant ${fx.tenant.slug}`,
      pricesIncludeTax: false,
      roundingAdjustment: '0.00',
      subtotal: latest.subtotal,
      totalAmount: latest.totalAmount,
      amountDue: latest.amountDue,
      items: [
        {
          name: 'Green tea',
          quantity: latest.items[0].quantity,
          unitPrice: '3.50',
          amount: (3.5 * latest.items[0].quantity).toFixed(2),
          lineTotal: latest.items[0].lineTotal,
        },
      ],
    });
  });

  it('lets a user with pos:sale:read watch any terminal of the tenant', async () => {
    const sub = collect<Display>(client(fx.cashier.token), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    const cart = await newCart(t, fx);
    let latest = cart;
    const heard = await changeUntilHeard(
      sub,
      async () => (latest = await addItem(t, fx, cart.id, 'TEA', 1)),
      (d) => d.cartId === cart.id && d.version === latest.version,
    );
    expect(heard.totalAmount).toBe(latest.totalAmount);
  });

  it('ends a display subscription once its token is revoked, without waiting for another event', async () => {
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const sub = collect<Display>(client(token), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    const cart = await newCart(t, fx);
    let latest = cart;
    await changeUntilHeard(
      sub,
      async () => (latest = await addItem(t, fx, cart.id, 'TEA', 1)),
      (d) => d.cartId === cart.id && d.version === latest.version,
    );
    const tokenId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
    await t.ok(`mutation Revoke($id: ID!) { revokeDeviceToken(id: $id) }`, { id: tokenId }, fx.ownerToken);
    await sub.waitForCompletion();
    const heard = sub.values.length;
    const after = await addItem(t, fx, cart.id, 'TEA', 1);
    expect(sub.values.length).toBe(heard);
    expect(sub.values.some((d) => d.version === after.version)).toBe(false);
  });

  it("refuses a DISPLAY token another terminal's cart and the hardware commands", async () => {
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const other = collect(client(token), CART_UPDATED, { terminalId: t2 }, 'cartUpdated');
    expect(subscriptionErrorCode(await other.waitForError())).toBe('FORBIDDEN');
    const hardware = collect(client(token), HARDWARE_COMMANDS, { terminalId: fx.terminalId }, 'hardwareCommands');
    expect(subscriptionErrorCode(await hardware.waitForError())).toBe('FORBIDDEN');
  });

  it("refuses a HARDWARE_AGENT token the cart display and another terminal's commands", async () => {
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'HARDWARE_AGENT');
    const cart = collect(client(token), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    expect(subscriptionErrorCode(await cart.waitForError())).toBe('FORBIDDEN');
    const other = collect(client(token), HARDWARE_COMMANDS, { terminalId: t2 }, 'hardwareCommands');
    expect(subscriptionErrorCode(await other.waitForError())).toBe('FORBIDDEN');
  });

  it("answers NOT_FOUND to a user naming another tenant's terminal", async () => {
    const stranger = await registerTenant(t);
    const sub = collect(client(stranger.ownerToken), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
    expect(subscriptionErrorCode(await sub.waitForError())).toBe('NOT_FOUND');
  });

  it('closes a connection without a valid token', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const sub = collect(client(token), CART_UPDATED, { terminalId: fx.terminalId }, 'cartUpdated');
      const error = (await sub.waitForError()) as { code?: number };
      expect(error.code).toBe(4403);
    }
  });
});
