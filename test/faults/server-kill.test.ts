import { ADD_PAYMENT, COMPLETE_SALE } from '../checkout/checkout-support';
import { ADD_CART_ITEM, CREATE_CART } from '../support/pos-fixtures';
import { brokenInvariants, NONE } from './support/invariants';
import { ServerProcess } from './support/processes';
import { cloneDatabase, serverProcess } from './support/server-setup';
import { openShop, remoteShop } from './support/shop';
import type { GraphQLResponse } from '../support/test-app';

/*
 * The server killed -9 while completions are in flight (the moment the first
 * of eight concurrent completeSale calls answers, the other seven are inside
 * their transactions or queued behind them), restarted, and every completion
 * retried with its idempotency key: each sale completes once, with one
 * number and one stock movement, and a second retry answers the same.
 */
const CARTS = 8;
let server: ServerProcess;
let cleanup: () => void;
let db: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  db = await cloneDatabase();
  ({ server, cleanup } = await serverProcess({ DATABASE_URL: db.url }));
  await server.start();
}, 90_000);
afterAll(async () => {
  await server?.stop();
  cleanup?.();
  await db?.drop();
});

it('completes each sale exactly once when the server dies mid-completion and the clients retry with the same keys', async () => {
  const t = remoteShop(server.url, db.url);
  const shop = await openShop(t, 4);
  const [{ id: tenantId }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [
    shop.fx.tenant.slug,
  ]);
  const token = shop.fx.cashier.token;
  const carts = await Promise.all(
    Array.from({ length: CARTS }, async (_v, i) => {
      const terminalId = shop.registers[i % shop.registers.length].terminalId;
      const cart = (await t.ok(CREATE_CART, { input: { terminalId } }, token)).createCart;
      await t.ok(ADD_CART_ITEM, { input: { cartId: cart.id, productId: shop.fx.products.TEA.id, quantity: 2 } }, token);
      await t.ok(
        ADD_PAYMENT,
        { input: { saleId: cart.id, method: 'CASH', receivedAmount: '10.00', idempotencyKey: `pay-${cart.id}` } },
        token,
      );
      return cart.id as string;
    }),
  );
  const completeAll = () =>
    carts.map((saleId) =>
      t
        .gql(COMPLETE_SALE, { input: { saleId, idempotencyKey: `complete-${saleId}` } }, token)
        .catch((error): GraphQLResponse => ({ errors: [{ message: String(error) }] })),
    );

  const inFlight = completeAll();
  await Promise.race(inFlight);
  await server.kill();
  const firstTry = await Promise.all(inFlight);
  const cutOff = firstTry.filter((r) => r.errors?.length).length;
  console.log(`server kill: ${CARTS - cutOff} completions answered before the kill, ${cutOff} cut off`);
  expect(cutOff).toBeGreaterThan(0); // the kill did land mid-completion

  await server.start();
  const retried = await Promise.all(completeAll());
  const again = await Promise.all(completeAll());
  for (const res of [...retried, ...again]) expect(res.errors).toBeUndefined();
  const numbers = retried.map((r) => r.data!.completeSale.saleNumber);
  expect(again.map((r) => r.data!.completeSale.saleNumber)).toEqual(numbers);
  expect(new Set(numbers).size).toBe(CARTS);
  expect(retried.every((r) => r.data!.completeSale.status === 'COMPLETED')).toBe(true);
  // Answers given before the kill name the same sale numbers as the retries.
  firstTry.forEach((r, i) => {
    if (!r.errors?.length) expect(r.data!.completeSale.saleNumber).toBe(numbers[i]);
  });

  const [{ movements }] = await t.sql<{ movements: string }>(
    `select count(*) as movements from stock_movements where tenant_id = ? and type = 'OUT'`,
    [tenantId],
  );
  expect(Number(movements)).toBe(CARTS);
  expect(await brokenInvariants(t, tenantId)).toEqual(NONE);
  await t.end();
}, 150_000);
