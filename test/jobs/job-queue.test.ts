import { createContext } from '../../src/server/context-factory';
import { inTransaction } from '../../src/services/core/transaction';
import { registerTenant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
const handled: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const jobs = t.app.services.jobs;
  jobs.define({ name: 'test-echo', retryLimit: 0, retryDelaySeconds: 1 });
  jobs.define({
    name: 'test-worked',
    retryLimit: 2,
    retryDelaySeconds: 1,
    handler: async (data: { marker: string }) => {
      handled.push(data.marker);
    },
  });
  await jobs.start({ work: true });
});
afterAll(() => t.close());

async function jobsNamed(name: string) {
  return t.sql<{ data: { marker: string }; state: string }>('select data, state from pgboss.job where name = ?', [
    name,
  ]);
}

describe('jobs enqueued inside a business transaction', () => {
  it('exist once the transaction commits, and not at all when it rolls back', async () => {
    const tenant = await registerTenant(t);
    const ctx = await createContext(t.app.services, `Bearer ${tenant.ownerToken}`);
    await inTransaction(ctx, async (tx) => {
      await t.app.services.jobs.enqueue(tx, 'test-echo', { marker: 'committed' });
    });
    await expect(
      inTransaction(ctx, async (tx) => {
        await t.app.services.jobs.enqueue(tx, 'test-echo', { marker: 'rolled-back' });
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await jobsNamed('test-echo');
    expect(rows.map((r) => r.data.marker)).toEqual(['committed']);
  });

  it('is not visible to others before commit', async () => {
    const tenant = await registerTenant(t);
    const ctx = await createContext(t.app.services, `Bearer ${tenant.ownerToken}`);
    let seenInside = -1;
    await inTransaction(ctx, async (tx) => {
      await t.app.services.jobs.enqueue(tx, 'test-echo', { marker: 'invisible-until-commit' });
      seenInside = (await jobsNamed('test-echo')).filter((r) => r.data.marker === 'invisible-until-commit').length;
    });
    expect(seenInside).toBe(0);
    expect((await jobsNamed('test-echo')).filter((r) => r.data.marker === 'invisible-until-commit')).toHaveLength(1);
  });

  it('is worked by a handler of this process', async () => {
    const tenant = await registerTenant(t);
    const ctx = await createContext(t.app.services, `Bearer ${tenant.ownerToken}`);
    await inTransaction(ctx, (tx) => t.app.services.jobs.enqueue(tx, 'test-worked', { marker: 'hello' }));
    for (let i = 0; i < 100 && !handled.includes('hello'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(handled).toEqual(['hello']);
  });
});
