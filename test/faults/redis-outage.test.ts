import { ADD_CART_ITEM, CREATE_CART } from '../support/pos-fixtures';
import { wsClient } from '../support/subscriptions';
import { brokenInvariants, NONE } from './support/invariants';
import { RedisProcess, ServerProcess, sleep } from './support/processes';
import { cloneDatabase, serverProcess } from './support/server-setup';
import { checkoutLoop, openShop, remoteShop } from './support/shop';

/*
 * Redis killed for 10 s under a 4-register checkout loop against a real
 * server process, asserted at the targets: during the outage at least 80 %
 * of the sales rate before, no mutation slower than 1 s, no error answer at
 * all (so none for a committed effect), and the display right within 1 s of
 * Redis returning (the last event equal to the register's last sale; a
 * register whose only change fell in the outage resynced, event RESYNC, the
 * cart as it stands). Before the fix the outage let one sale through in
 * 20 s and each publish waited seconds. The figures measured are printed
 * with every run (docs/operations.md has a run's figures).
 */
const WINDOW_MS = 10_000;

let redis: RedisProcess;
let server: ServerProcess;
let cleanup: () => void;
let db: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  db = await cloneDatabase();
  redis = await RedisProcess.start();
  ({ server, cleanup } = await serverProcess({ DATABASE_URL: db.url, REDIS_URL: redis.url }));
  await server.start();
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await redis?.kill();
  cleanup?.();
  await db?.drop();
});

interface DisplayEvent {
  cartId: string;
  event: string;
  status: string;
  version: number;
  totalAmount: string;
  receivedAt: number;
}

it('keeps selling while Redis is down, answers no committed effect with an error, and the display catches up once it is back', async () => {
  const t = remoteShop(server.url, db.url);
  const shop = await openShop(t, 5);
  // The fifth register sells nothing in the loop: its one change, made while Redis is down, must still reach its display.
  const quiet = shop.registers.pop()!;
  const [{ id: tenantId }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [
    shop.fx.tenant.slug,
  ]);
  const watched = shop.registers[0].terminalId;

  const client = wsClient(server.url, shop.fx.ownerToken);
  const watch = (terminalId: string) => {
    const events: DisplayEvent[] = [];
    const stop = client.subscribe<{ cartUpdated: Omit<DisplayEvent, 'receivedAt'> }>(
      {
        query:
          'subscription ($terminalId: ID!) { cartUpdated(terminalId: $terminalId) { cartId event status version totalAmount } }',
        variables: { terminalId },
      },
      {
        next: (r) => r.data && events.push({ ...r.data.cartUpdated, receivedAt: Date.now() }),
        error: () => {},
        complete: () => {},
      },
    );
    return { events, stop };
  };
  const { events: display, stop: stopDisplay } = watch(watched);
  const { events: quietDisplay, stop: stopQuietDisplay } = watch(quiet.terminalId);

  const loop = checkoutLoop(t, shop);
  await sleep(3000); // warm-up: connections, JIT, first numbers
  const beforeStart = Date.now();
  await sleep(WINDOW_MS);
  await redis.kill();
  const outageStart = Date.now();
  const quietCart = (await t.ok(CREATE_CART, { input: { terminalId: quiet.terminalId } }, shop.fx.cashier.token))
    .createCart;
  const quietNow = (
    await t.ok(
      ADD_CART_ITEM,
      { input: { cartId: quietCart.id, productId: shop.fx.products.TEA.id, quantity: 3 } },
      shop.fx.cashier.token,
    )
  ).addCartItem;
  await sleep(WINDOW_MS);
  const outageEnd = Date.now();
  await redis.restart();
  const redisBack = Date.now();
  await sleep(4000);
  await loop.stop();
  await sleep(1000); // the last events reach the display

  const before = loop.completedBetween(beforeStart, outageStart);
  const during = loop.completedBetween(outageStart, outageEnd);
  const beforeMs = loop.calls.filter((c) => c.startedAt >= beforeStart && c.startedAt < outageStart).map((c) => c.ms);
  const duringMs = loop.calls.filter((c) => c.startedAt >= outageStart && c.startedAt < outageEnd).map((c) => c.ms);
  const p95 = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length * 0.95)];
  const firstEventBack = display.find((e) => e.receivedAt > redisBack);
  console.log(
    `redis outage: ${before} sales in the 10 s before, ${during} during (${Math.round((100 * during) / before)} %); ` +
      `mutations p95 ${p95(beforeMs)} ms before, ${p95(duringMs)} ms during (slowest ${Math.max(...beforeMs)} / ${Math.max(...duringMs)} ms); ` +
      `display event ${firstEventBack ? firstEventBack.receivedAt - redisBack : 'none'} ms after Redis returned`,
  );

  expect(loop.calls.filter((c) => c.error)).toEqual([]); // no error answer at all, so none for a committed effect
  expect(before).toBeGreaterThan(0);
  expect(during / before).toBeGreaterThanOrEqual(0.8);
  expect(Math.max(...duringMs)).toBeLessThan(1000);

  // The display hears again within a second of Redis returning, and ends on the register's real last state.
  expect(firstEventBack).toBeDefined();
  expect(firstEventBack!.receivedAt - redisBack).toBeLessThan(1000);
  const [last] = await t.sql<{ id: string; status: string; version: number; total_amount: string }>(
    'select id, status, version, total_amount::text from sales where terminal_id = ? order by created_at desc limit 1',
    [watched],
  );
  expect(display.at(-1)).toMatchObject({ cartId: last.id, status: last.status, version: last.version });

  const health = await (await fetch(`${server.baseUrl}/healthz`)).json();
  expect(health).toMatchObject({ database: 'up', pubsub: 'up' });
  expect(await brokenInvariants(t, tenantId)).toEqual(NONE);

  // The quiet register changed only during the outage: its display got the cart as it stands once Redis was back.
  expect(quietDisplay.filter((e) => e.receivedAt < redisBack)).toEqual([]);
  const resync = quietDisplay.find((e) => e.cartId === quietCart.id);
  expect(resync).toMatchObject({
    event: 'RESYNC',
    status: quietNow.status,
    version: quietNow.version,
    totalAmount: '7.50',
  });
  expect(resync!.receivedAt - redisBack).toBeLessThan(1000);

  stopQuietDisplay();
  stopDisplay();
  await client.dispose();
  await t.end();
}, 120_000);

// The checks are bounded at 400 ms each and run at once, so the answer comes within 500 ms (it took 4.1 s before the fix).
it('reports Redis down at once while staying ready for sales', async () => {
  await redis.kill();
  try {
    const started = Date.now();
    const health = await fetch(`${server.baseUrl}/healthz`);
    const healthMs = Date.now() - started;
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect({ status: health.status, body: await health.json() }).toEqual({
      status: 503,
      body: { status: 'degraded', database: 'up', pubsub: 'down', pubsubKind: 'redis' },
    });
    expect(healthMs).toBeLessThan(500);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', database: 'up', pubsub: 'down', pubsubKind: 'redis' },
    });
  } finally {
    await redis.restart();
  }
});
