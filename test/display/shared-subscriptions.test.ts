import { Client } from 'graphql-ws';
import { addItem, newCart, setupPos } from '../support/pos-fixtures';
import { collect, wsClient } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';
import { CART_UPDATED, changeUntilHeard, deviceToken } from './support';

/**
 * Displays of one terminal with the same subscription share one execution per
 * event (src/server/shared-subscriptions.ts); each still gets exactly what it
 * asked for, and one leaving does not end the others.
 */
const VERSION_ONLY = /* GraphQL */ `
  subscription VersionOnly($terminalId: ID!) {
    cartUpdated(terminalId: $terminalId) {
      version
      committedAt
    }
  }
`;

let t: TestApp;
const clients: Client[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.close();
});

it('gives each display its own selection, the same event to identical ones, and lets one leave alone', async () => {
  const fx = await setupPos(t, { products: [{ sku: 'TEA', name: 'Tea', price: '3.00' }] });
  const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
  const open = () => {
    const client = wsClient(t.url, token);
    clients.push(client);
    return client;
  };
  const vars = { terminalId: fx.terminalId };
  const full = [1, 2, 3].map(() => collect<Record<string, unknown>>(open(), CART_UPDATED, vars, 'cartUpdated'));
  const slim = collect<Record<string, unknown>>(open(), VERSION_ONLY, vars, 'cartUpdated');

  const cart = await newCart(t, fx);
  let latest = cart;
  const change = async () => (latest = await addItem(t, fx, cart.id, 'TEA', 1));
  // Until every display is registered: each must hear one and the same version.
  for (const display of [...full, slim]) {
    await changeUntilHeard(display, change, (d) => d.version === latest.version);
  }
  const version = latest.version;
  const heard = await Promise.all(full.map((d) => d.waitFor((e) => e.version === version)));
  expect(heard[1]).toEqual(heard[0]);
  expect(heard[2]).toEqual(heard[0]);
  expect(heard[0]).toMatchObject({ cartId: cart.id, event: 'ITEM_ADDED', totalAmount: latest.totalAmount });
  expect(Object.keys(heard[0])).not.toContain('committedAt');
  const slimEvent = await slim.waitFor((e) => e.version === version);
  expect(Object.keys(slimEvent).sort()).toEqual(['committedAt', 'version']);

  // One display leaves; the next change still reaches the others, and only them.
  full[0].stop();
  const seenBefore = full[0].values.length;
  await change();
  await Promise.all([full[1], full[2], slim].map((d) => d.waitFor((e) => e.version === latest.version)));
  expect(full[0].values.length).toBe(seenBefore);
});
