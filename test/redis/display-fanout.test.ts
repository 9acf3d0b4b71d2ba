import { Client } from 'graphql-ws';
import {
  ACK_COMMAND,
  CART_UPDATED,
  changeUntilHeard,
  deviceToken,
  HARDWARE_COMMANDS,
  OPEN_CASH_DRAWER,
} from '../display/support';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { collect, wsClient } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

interface Display {
  terminalId: string;
  cartId: string;
  version: number;
  totalAmount: string;
  items: Array<{ name: string; quantity: number; lineTotal: string }>;
}

/** Two server instances on one database and one Redis: what a load-balanced deployment looks like. */
describe('customer displays across server instances (Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  const clients: Client[] = [];
  const clientOn = (t: TestApp, token: string) => {
    const c = wsClient(t.url, token);
    clients.push(c);
    return c;
  };

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

  it('carries a cart change made through server A to a display connected to server B, with the new totals', async () => {
    const fx = await setupPos(a, { products: [{ sku: 'MUG', name: 'Mug', price: '12.00', taxRate: '0.08' }] });
    const display = collect<Display>(
      clientOn(b, await deviceToken(a, fx.ownerToken, fx.terminalId, 'DISPLAY')),
      CART_UPDATED,
      { terminalId: fx.terminalId },
      'cartUpdated',
    );
    const cart = await newCart(a, fx);
    let latest = cart;
    const heard = await changeUntilHeard(
      display,
      async () => (latest = await addItem(a, fx, cart.id, 'MUG', 1)),
      (d) => d.cartId === cart.id && d.version === latest.version,
    );
    expect(heard.totalAmount).toBe(latest.totalAmount);
    expect(heard.items).toMatchObject([
      { name: 'Mug', quantity: latest.items[0].quantity, lineTotal: latest.items[0].lineTotal },
    ]);
  });

  it("never shows one tenant's events to another tenant's subscribers on the same Redis", async () => {
    const product = { products: [{ sku: 'PEN', name: 'Pen', price: '2.00' }] };
    const one: PosFixture = await setupPos(a, product);
    const two: PosFixture = await setupPos(a, product);
    const watchers = await Promise.all(
      [one, two].map(async (fx) => ({
        fx,
        display: collect<Display>(
          clientOn(b, await deviceToken(a, fx.ownerToken, fx.terminalId, 'DISPLAY')),
          CART_UPDATED,
          { terminalId: fx.terminalId },
          'cartUpdated',
        ),
        manager: collect<Display>(
          clientOn(b, fx.ownerToken),
          CART_UPDATED,
          { terminalId: fx.terminalId },
          'cartUpdated',
        ),
        agentToken: await deviceToken(a, fx.ownerToken, fx.terminalId, 'HARDWARE_AGENT'),
      })),
    );
    const feeds = watchers.map((w) =>
      collect<{ id: string }>(
        clientOn(b, w.agentToken),
        HARDWARE_COMMANDS,
        { terminalId: w.fx.terminalId },
        'hardwareCommands',
      ),
    );

    // Both tenants ring up carts (through A) until each one's display (on B) has heard its own.
    const carts = await Promise.all(watchers.map((w) => newCart(a, w.fx)));
    for (const [i, w] of watchers.entries()) {
      let latest = carts[i];
      await changeUntilHeard(
        w.display,
        async () => (latest = await addItem(a, w.fx, carts[i].id, 'PEN', 1)),
        (d) => d.cartId === carts[i].id && d.version === latest.version,
      );
      await w.manager.waitFor((d) => d.cartId === carts[i].id && d.version === latest.version);
    }
    const drawers: string[] = [];
    for (const w of watchers) {
      drawers.push(
        (
          await a.ok(
            OPEN_CASH_DRAWER,
            { input: { terminalId: w.fx.terminalId, reason: 'isolation' } },
            w.fx.cashier.token,
          )
        ).openCashDrawer.id,
      );
    }
    await Promise.all(feeds.map((feed, i) => feed.waitFor((c) => c.id === drawers[i])));

    for (const [i, w] of watchers.entries()) {
      for (const seen of [...w.display.values, ...w.manager.values]) {
        expect(seen.cartId).toBe(carts[i].id);
        expect(seen.terminalId).toBe(w.fx.terminalId);
      }
      expect(feeds[i].values.map((c) => c.id)).toEqual([drawers[i]]);
    }
    // An agent cannot close the other tenant's command either.
    const res = await a.gql(ACK_COMMAND, { input: { id: drawers[1], status: 'DONE' } }, watchers[0].agentToken);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
