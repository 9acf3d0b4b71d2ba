import { jobContext } from '../../src/jobs/job-context';
import { pruneWebhookHistory } from '../../src/jobs/prune-webhook-history.job';
import { inTransaction } from '../../src/services/core/transaction';
import { emitWebhookEvent } from '../../src/services/webhooks/emit-event';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createEndpoint } from './support';

// No job workers: the deliveries stay as the test sets them.
let t: TestApp;
let fx: PosFixture;
let tenantId: string;
const endpoints: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  fx = await setupPos(t);
  for (const path of ['/a', '/b'])
    endpoints.push((await createEndpoint(t, fx.ownerToken, `https://93.184.215.14${path}`)).endpoint.id);
  [{ tenant_id: tenantId }] = await t.sql('select tenant_id from webhook_endpoints where id = ?', [endpoints[0]]);
});
afterAll(() => t.close());

/** An event (one delivery per endpoint) made `ageDays` old, each delivery given a status and days since its last change. */
async function event(marker: string, ageDays: number, deliveries: Array<[status: string, changedDaysAgo: number]>) {
  await inTransaction(jobContext(t.app.services, 'test', tenantId), (tx) =>
    emitWebhookEvent(tx, 'product.updated', () => ({ marker })),
  );
  const [{ id }] = await t.sql('select id from webhook_events where body like ?', [`%"marker":"${marker}"%`]);
  await t.sql("update webhook_events set created_at = now() - ? * interval '1 day' where id = ?", [ageDays, id]);
  for (const [i, [status, changed]] of deliveries.entries())
    await t.sql(
      `update webhook_deliveries set status = ?, created_at = now() - ? * interval '1 day',
         updated_at = now() - ? * interval '1 day' where event_id = ? and endpoint_id = ?`,
      [status, ageDays, changed, id, endpoints[i]],
    );
  return id as string;
}

const left = async (eventId: string) => ({
  event: (await t.sql('select 1 from webhook_events where id = ?', [eventId])).length,
  deliveries: (
    await t.sql<{ status: string }>('select status from webhook_deliveries where event_id = ? order by status::text', [
      eventId,
    ])
  ).map((row) => row.status),
});

describe('webhook retention (prune-webhook-history)', () => {
  it('deletes deliveries finished over 30 days ago and then their events, in batches; never a pending one or its event', async () => {
    const old = await event('old', 40, [
      ['SUCCEEDED', 40],
      ['FAILED', 37],
    ]);
    const oldToo = await event('old-too', 31, [
      ['SUCCEEDED', 31],
      ['SUCCEEDED', 31],
    ]);
    const recent = await event('recent', 29, [
      ['SUCCEEDED', 29],
      ['FAILED', 29],
    ]);
    const stillPending = await event('pending', 45, [
      ['SUCCEEDED', 45],
      ['PENDING', 45],
    ]);
    const redelivered = await event('redelivered', 60, [
      ['SUCCEEDED', 2],
      ['SUCCEEDED', 60],
    ]);

    // Batches of 2: several statements per table, each under the limit's rows.
    expect(await pruneWebhookHistory(t.app.services, { batch: 2 })).toEqual({ deliveries: 6, events: 2 });
    expect(await left(old)).toEqual({ event: 0, deliveries: [] });
    expect(await left(oldToo)).toEqual({ event: 0, deliveries: [] });
    expect(await left(recent)).toEqual({ event: 1, deliveries: ['FAILED', 'SUCCEEDED'] });
    expect(await left(stillPending)).toEqual({ event: 1, deliveries: ['PENDING'] });
    expect(await left(redelivered)).toEqual({ event: 1, deliveries: ['SUCCEEDED'] });
    expect(await pruneWebhookHistory(t.app.services)).toEqual({ deliveries: 0, events: 0 });

    // WEBHOOK_RETENTION_DAYS=0 keeps everything.
    const keepAll = { ...t.app.services.config.webhooks, retentionDays: 0 };
    const services = { ...t.app.services, config: { ...t.app.services.config, webhooks: keepAll } };
    expect(await pruneWebhookHistory(services, { now: new Date(Date.now() + 1000 * 24 * 3600 * 1000) })).toEqual({
      deliveries: 0,
      events: 0,
    });
    expect(await left(recent)).toEqual({ event: 1, deliveries: ['FAILED', 'SUCCEEDED'] });
  });
});
