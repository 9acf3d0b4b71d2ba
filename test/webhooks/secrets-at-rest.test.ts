import { randomUUID } from 'node:crypto';
import { UNSIGNABLE } from '../../src/services/webhooks/delivery-worker';
import { cashSale } from '../checkout/checkout-support';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createEndpoint, documentedVerifier, Receiver, ROTATE_SECRET, startReceiver, waitFor } from './support';

let t: TestApp;
let receiver: Receiver;
let fx: PosFixture;
const verify = documentedVerifier();

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestApp({ jobs: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_SECONDS: '60' } });
  fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.50' }] });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

interface StoredEndpoint {
  tenant_id: string;
  secret: string;
  previous_secret: string | null;
}
const stored = async (endpointId: string) =>
  (
    await t.sql<StoredEndpoint>('select tenant_id, secret, previous_secret from webhook_endpoints where id = ?', [
      endpointId,
    ])
  )[0];
const open = (row: StoredEndpoint, value: string) => t.app.services.secretCipher.open(row.tenant_id, value);
const firstHit = (path: string, n = 1) => waitFor(() => receiver.at(path)[n - 1]);

describe('webhook secrets at rest', () => {
  it('stores the secret sealed (not the secret, opening to it) and a delivery still verifies with the documented recipe', async () => {
    const { secret, endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/sealed'), ['sale.completed']);
    const row = await stored(endpoint.id);
    expect(row.secret).not.toContain(secret.slice('whsec_'.length));
    expect(row.secret).toMatch(/^v1:/);
    expect(open(row, row.secret)).toBe(secret);
    // Bound to its tenant: another tenant id does not open it.
    expect(() => t.app.services.secretCipher.open(randomUUID(), row.secret)).toThrow();

    await cashSale(t, fx, { MUG: 1 });
    const hit = await firstHit('/sealed');
    expect(verify(hit.body, hit.headers['pos-signature'] as string, secret)).toBe(true);
  });

  it('keeps both secrets sealed during a rotation and signs with both', async () => {
    const { secret: oldSecret, endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/rotated'), [
      'sale.completed',
    ]);
    const sealedBefore = (await stored(endpoint.id)).secret;
    const newSecret = (await t.ok(ROTATE_SECRET, { id: endpoint.id }, fx.ownerToken)).rotateWebhookSecret.secret;
    const row = await stored(endpoint.id);
    expect(row.previous_secret).toBe(sealedBefore);
    expect(open(row, row.secret)).toBe(newSecret);
    expect(open(row, row.previous_secret!)).toBe(oldSecret);

    await cashSale(t, fx, { MUG: 1 });
    const hit = await firstHit('/rotated');
    const header = hit.headers['pos-signature'] as string;
    expect(header.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    expect(verify(hit.body, header, newSecret)).toBe(true);
    expect(verify(hit.body, header, oldSecret)).toBe(true);
  });

  it("does not sign with a sealed secret copied to another tenant's endpoint: nothing is sent, the attempt fails", async () => {
    const { endpoint: mine } = await createEndpoint(t, fx.ownerToken, receiver.url('/mine'), ['sale.completed']);
    const other = await setupPos(t, { products: [{ sku: 'TEA', price: '3.00' }] });
    const { endpoint: theirs } = await createEndpoint(t, other.ownerToken, receiver.url('/copied'), ['sale.completed']);
    await t.sql('update webhook_endpoints set secret = ? where id = ?', [(await stored(mine.id)).secret, theirs.id]);

    await cashSale(t, other, { TEA: 1 });
    const [delivery] = await waitFor(async () => {
      const rows = await t.sql<{
        status: string;
        attempts: Array<{ statusCode: number | null; responseExcerpt: string }>;
      }>('select status, attempts from webhook_deliveries where endpoint_id = ?', [theirs.id]);
      return rows[0]?.attempts.length ? rows : undefined;
    });
    expect(delivery.attempts).toEqual([expect.objectContaining({ statusCode: null, responseExcerpt: UNSIGNABLE })]);
    // Retried on the usual schedule (a key put right lets it through), never sent meanwhile.
    expect(delivery.status).toBe('PENDING');
    expect(receiver.at('/copied')).toHaveLength(0);

    // The tenant's remedy, a rotation, signs at once with the new secret alone (the broken one is not kept).
    const rotated = (await t.ok(ROTATE_SECRET, { id: theirs.id }, other.ownerToken)).rotateWebhookSecret;
    expect(rotated.endpoint.previousSecretExpiresAt).toBeNull();
    expect((await stored(theirs.id)).previous_secret).toBeNull();
    await cashSale(t, other, { TEA: 1 });
    const hit = await firstHit('/copied');
    expect(hit.headers['pos-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(hit.body, hit.headers['pos-signature'] as string, rotated.secret)).toBe(true);
  });

  it('signs with a secret stored in plain text before sealing, and a server start seals it', async () => {
    const { endpoint } = await createEndpoint(t, fx.ownerToken, receiver.url('/legacy'), ['sale.completed']);
    // As written by the version before sealing: both columns plain.
    const legacy = 'whsec_legacyPlainSecretFromBeforeSealing000000000';
    const legacyPrevious = 'whsec_legacyPreviousSecretFromBeforeSealing0000';
    await t.sql(
      "update webhook_endpoints set secret = ?, previous_secret = ?, previous_secret_expires_at = now() + interval '1 hour' where id = ?",
      [legacy, legacyPrevious, endpoint.id],
    );
    await cashSale(t, fx, { MUG: 1 });
    const before = await firstHit('/legacy');
    expect(verify(before.body, before.headers['pos-signature'] as string, legacy)).toBe(true);
    expect(verify(before.body, before.headers['pos-signature'] as string, legacyPrevious)).toBe(true);

    const othersSql = 'select id, secret from webhook_endpoints where id <> ? order by id';
    const othersBefore = await t.sql(othersSql, [endpoint.id]);
    const restarted = await startTestApp({ sameDatabaseAs: t });
    await restarted.close();
    const row = await stored(endpoint.id);
    expect(row.secret).toMatch(/^v1:/);
    expect(row.previous_secret).toMatch(/^v1:/);
    expect(open(row, row.secret)).toBe(legacy);
    expect(open(row, row.previous_secret!)).toBe(legacyPrevious);
    // Rows already sealed are left as they are, not sealed twice.
    expect(await t.sql(othersSql, [endpoint.id])).toEqual(othersBefore);

    await cashSale(t, fx, { MUG: 1 });
    const after = await firstHit('/legacy', 2);
    expect(verify(after.body, after.headers['pos-signature'] as string, legacy)).toBe(true);
  });
});
