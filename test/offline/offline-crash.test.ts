import { ChildProcess } from 'node:child_process';
import { setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { OfflineRegister, spawnServer, submit, SUBMIT_OFFLINE_SALES, writtenFor } from './offline-support';

const BATCHES = 20;
const BATCH_SIZE = 10;

/**
 * A register sends its queue batch after batch; the server process is
 * killed (SIGKILL, no shutdown) while a batch's transaction is open and has
 * written rows. The register never gets that answer and sends its whole
 * queue again, to another server: a batch is all or nothing, and each sale
 * is recorded exactly once, numbers gapless.
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
    const queue = Array.from({ length: BATCHES }, () =>
      Array.from({ length: BATCH_SIZE }, () => register.sale([{ sku: 'A', quantity: 1, unitPrice: '2.50' }], '2.50')),
    );
    const count = async () =>
      Number(
        (
          await t.sql<{ n: string }>('select count(*) as n from offline_sales where terminal_id = ?', [fx.terminalId])
        )[0].n,
      );
    // A transaction of this database that has written and not yet committed: a batch being recorded.
    const batchOpen = async () =>
      (
        await t.sql<{ n: string }>(
          `select count(*) as n from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
        )
      )[0].n !== '0';

    const server = await spawnServer(t);
    child = server.child;
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    const sending = (async () => {
      for (const sales of queue) {
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${fx.cashier.token}` },
          body: JSON.stringify({
            query: SUBMIT_OFFLINE_SALES,
            variables: { input: { terminalId: fx.terminalId, sales } },
          }),
        });
        await res.json();
      }
    })().then(
      () => 'answered',
      () => 'cut',
    );
    while ((await count()) < 3 * BATCH_SIZE || !(await batchOpen()))
      await new Promise((resolve) => setTimeout(resolve, 2));
    server.child.kill('SIGKILL');
    await exited;
    expect(await sending).toBe('cut');
    const before = await count();
    expect(before % BATCH_SIZE).toBe(0);
    expect(before).toBeGreaterThanOrEqual(3 * BATCH_SIZE);
    expect(before).toBeLessThan(BATCHES * BATCH_SIZE);

    const results = [];
    for (const sales of queue) results.push(...(await submit(t, fx, sales)));
    expect(results.slice(0, before).every((r) => r.status === 'DUPLICATE')).toBe(true);
    expect(results.slice(before).every((r) => r.status === 'ACCEPTED')).toBe(true);
    const numbers = Array.from(
      { length: BATCHES * BATCH_SIZE },
      (_, i) => `${fx.terminalCode}-${String(i + 1).padStart(6, '0')}`,
    );
    expect(results.map((r) => r.sale.saleNumber)).toEqual(numbers);
    expect(await writtenFor(t, fx.terminalId)).toEqual(
      numbers.map((n) => ({ sale_number: n, movements: 1, payments: 1 })),
    );
    expect((await submit(t, fx, queue[0])).every((r) => r.status === 'DUPLICATE')).toBe(true);
  }, 120_000);
});
