import { ChildProcess } from 'node:child_process';
import { setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { OfflineRegister, spawnServer, submit, SUBMIT_OFFLINE_SALES, writtenFor } from './offline-support';

/**
 * The server process is killed (SIGKILL, no shutdown) while it replays a
 * batch; the register never gets an answer and sends the same batch again,
 * to another server: each sale is recorded exactly once, numbers gapless.
 */
describe('an offline batch cut by a server crash, then re-sent', () => {
  let t: TestApp;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t.close();
  });

  it('gives each sale exactly once with its number', async () => {
    const fx = await setupPos(t, { products: [{ sku: 'A', price: '2.50', taxRate: '0' }] });
    const register = new OfflineRegister(fx);
    const batch = Array.from({ length: 100 }, () =>
      register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50'),
    );
    const count = async () =>
      Number(
        (
          await t.sql<{ n: string }>('select count(*) as n from offline_sales where terminal_id = ?', [fx.terminalId])
        )[0].n,
      );

    const server = await spawnServer(t);
    child = server.child;
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    const request = fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fx.cashier.token}` },
      body: JSON.stringify({
        query: SUBMIT_OFFLINE_SALES,
        variables: { input: { terminalId: fx.terminalId, sales: batch } },
      }),
    }).then(
      () => 'answered',
      () => 'cut',
    );
    while ((await count()) < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    server.child.kill('SIGKILL');
    await exited;
    expect(await request).toBe('cut');
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(5);
    expect(before).toBeLessThan(100);

    const results = await submit(t, fx, batch);
    expect(results.slice(0, before).every((r) => r.status === 'DUPLICATE')).toBe(true);
    expect(results.slice(before).every((r) => r.status === 'ACCEPTED')).toBe(true);
    const numbers = Array.from({ length: 100 }, (_, i) => `${fx.terminalCode}-${String(i + 1).padStart(6, '0')}`);
    expect(results.map((r) => r.sale.saleNumber)).toEqual(numbers);
    expect(await writtenFor(t, fx.terminalId)).toEqual(
      numbers.map((n) => ({ sale_number: n, movements: 1, payments: 1 })),
    );
    expect((await submit(t, fx, batch)).every((r) => r.status === 'DUPLICATE')).toBe(true);
  }, 120_000);
});
