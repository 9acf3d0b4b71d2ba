import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let attempts = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.app.services.jobs.define({
    name: 'always-fails-test',
    retryLimit: 2,
    retryDelaySeconds: 1,
    handler: async () => {
      attempts++;
      throw new Error(`printer on fire (attempt ${attempts})`);
    },
  });
  await t.app.services.jobs.start({ work: true });
});
afterAll(() => t.close());

describe('a job that keeps failing', () => {
  it('is tried 3 times, then visible as failed with its error', async () => {
    const id = await t.app.services.jobs.pgBoss.send('always-fails-test', { what: 'x' });
    let job: { state: string; retry_count: number; output: { message?: string } } | undefined;
    for (let i = 0; i < 300; i++) {
      [job] = await t.sql('select state, retry_count, output from pgboss.job where id = ?', [id]);
      if (job?.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job?.state).toBe('failed');
    expect(job?.retry_count).toBe(2);
    expect(attempts).toBe(3);
    expect(job?.output.message).toBe('printer on fire (attempt 3)');
    const viaApi = await t.app.services.jobs.pgBoss.getJobById('always-fails-test', id!);
    expect(viaApi?.state).toBe('failed');
  }, 60_000);
});
