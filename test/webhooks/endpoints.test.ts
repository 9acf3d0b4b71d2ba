import { urlProblem } from '../../src/services/webhooks/url-guard';
import { registerTenant, userWithRole } from '../support/fixtures';
import { setupPos, PosFixture } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  CREATE_ENDPOINT,
  DELETE_ENDPOINT,
  DELIVERIES,
  ENDPOINTS,
  REDELIVER,
  ROTATE_SECRET,
  UPDATE_ENDPOINT,
} from './support';

// No WEBHOOK_ALLOW_PRIVATE: the SSRF guard is on.
let t: TestApp;
let fx: PosFixture;

beforeAll(async () => {
  t = await startTestApp();
  fx = await setupPos(t);
});
afterAll(() => t.close());

const PUBLIC_URL = 'https://93.184.215.14/hooks';
const code = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;

describe('webhook endpoints', () => {
  it('creates (secret shown once), lists, updates, rotates and deletes', async () => {
    const created = await t.ok(
      CREATE_ENDPOINT,
      { input: { url: PUBLIC_URL, events: ['sale.completed', 'sale.completed'], description: 'books' } },
      fx.ownerToken,
    );
    const { secret, endpoint } = created.createWebhookEndpoint;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      url: PUBLIC_URL,
      events: ['sale.completed'],
      isActive: true,
      description: 'books',
    });
    const tenant = await t.sql(
      'select webhook_events from tenants t join webhook_endpoints w on w.tenant_id = t.id where w.id = ?',
      [endpoint.id],
    );
    expect(tenant[0].webhook_events).toEqual(['sale.completed']);

    const listed = await t.ok(ENDPOINTS, {}, fx.ownerToken);
    expect(listed.webhookEndpoints).toEqual([
      { id: endpoint.id, url: PUBLIC_URL, events: ['sale.completed'], isActive: true },
    ]);

    const updated = await t.ok(
      UPDATE_ENDPOINT,
      { input: { id: endpoint.id, events: ['*'], isActive: false } },
      fx.ownerToken,
    );
    expect(updated.updateWebhookEndpoint).toMatchObject({ events: ['*'], isActive: false });
    const afterDisable = await t.sql(
      'select webhook_events from tenants t join webhook_endpoints w on w.tenant_id = t.id where w.id = ?',
      [endpoint.id],
    );
    expect(afterDisable[0].webhook_events).toEqual([]);

    const rotated = await t.ok(ROTATE_SECRET, { id: endpoint.id }, fx.ownerToken);
    expect(rotated.rotateWebhookSecret.secret).not.toBe(secret);

    expect((await t.ok(DELETE_ENDPOINT, { id: endpoint.id }, fx.ownerToken)).deleteWebhookEndpoint).toBe(true);
    expect((await t.ok(ENDPOINTS, {}, fx.ownerToken)).webhookEndpoints).toEqual([]);
    // Every change is in the audit log, by the owner, and no row carries a secret.
    const audit = await t.sql<{ type: string; actor_id: string; data: unknown }>(
      `select type, actor_id, data from audit_events where subject_id = ? order by created_at`,
      [endpoint.id],
    );
    expect(audit.map((row) => row.type)).toEqual([
      'webhook.endpoint_created',
      'webhook.endpoint_updated',
      'webhook.secret_rotated',
      'webhook.endpoint_deleted',
    ]);
    expect(new Set(audit.map((row) => row.actor_id))).toEqual(new Set([fx.tenant.ownerId]));
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it.each([
    ['http://127.0.0.1:9/x', 'loopback'],
    ['https://localhost/x', 'localhost'],
    ['https://169.254.169.254/latest/meta-data', 'metadata'],
    ['https://10.0.0.5/x', 'private'],
    ['https://[::1]/x', 'IPv6 loopback'],
    ['https://[::ffff:192.168.1.1]/x', 'IPv4-mapped private'],
  ])('refuses %s (%s) without WEBHOOK_ALLOW_PRIVATE', async (url) => {
    const res = await t.gql(CREATE_ENDPOINT, { input: { url, events: ['*'] } }, fx.ownerToken);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('url');
    expect(await t.sql('select 1 from webhook_endpoints')).toHaveLength(0);
  });

  it('refuses a private URL on update too', async () => {
    const created = await t.ok(CREATE_ENDPOINT, { input: { url: PUBLIC_URL, events: ['*'] } }, fx.ownerToken);
    const id = created.createWebhookEndpoint.endpoint.id;
    const res = await t.gql(UPDATE_ENDPOINT, { input: { id, url: 'https://192.168.0.10/x' } }, fx.ownerToken);
    expect(code(res)).toBe('BAD_USER_INPUT');
    await t.ok(DELETE_ENDPOINT, { id }, fx.ownerToken);
  });

  it('requires https in production, refuses credentials and non-http schemes', () => {
    const production = { allowPrivate: false, requireHttps: true };
    expect(urlProblem('http://example.com/x', production)).toBe('must be an https URL');
    expect(urlProblem('https://example.com/x', production)).toBeNull();
    expect(urlProblem('ftp://example.com/x', { allowPrivate: true, requireHttps: false })).toBe('must be an https URL');
    expect(urlProblem('https://user:pw@example.com/x', production)).toBe('must not carry credentials');
    expect(urlProblem('not a url', production)).toBe('not a valid URL');
  });

  it.each([
    [{ url: PUBLIC_URL, events: [] }, 'events'],
    [{ url: PUBLIC_URL, events: ['sale.exploded'] }, 'events'],
    [{ url: PUBLIC_URL, events: Array.from({ length: 21 }, () => '*') }, 'events'],
    [{ url: `https://example.com/${'a'.repeat(2050)}`, events: ['*'] }, 'url'],
    [{ url: PUBLIC_URL, events: ['*'], description: 'd'.repeat(501) }, 'description'],
  ])('rejects bad input %#', async (input, field) => {
    const res = await t.gql(CREATE_ENDPOINT, { input }, fx.ownerToken);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors![0].extensions)).toContain(field);
  });

  it('is OWNER only: managers and cashiers are FORBIDDEN for every operation', async () => {
    const manager = await userWithRole(t, fx.tenant, 'MANAGER');
    const created = await t.ok(CREATE_ENDPOINT, { input: { url: PUBLIC_URL, events: ['*'] } }, fx.ownerToken);
    const id = created.createWebhookEndpoint.endpoint.id;
    const calls: Array<[string, Record<string, unknown>]> = [
      [CREATE_ENDPOINT, { input: { url: PUBLIC_URL, events: ['*'] } }],
      [ENDPOINTS, {}],
      [UPDATE_ENDPOINT, { input: { id, isActive: false } }],
      [DELETE_ENDPOINT, { id }],
      [ROTATE_SECRET, { id }],
      [DELIVERIES, { endpointId: id }],
      [REDELIVER, { deliveryId: id }],
    ];
    for (const token of [manager.token, fx.cashier.token]) {
      for (const [query, variables] of calls) expect(code(await t.gql(query, variables, token))).toBe('FORBIDDEN');
    }
    for (const [query, variables] of calls) expect(code(await t.gql(query, variables))).toBe('UNAUTHENTICATED');
    await t.ok(DELETE_ENDPOINT, { id }, fx.ownerToken);
  });

  it("answers NOT_FOUND for another tenant's endpoint or delivery", async () => {
    const created = await t.ok(CREATE_ENDPOINT, { input: { url: PUBLIC_URL, events: ['*'] } }, fx.ownerToken);
    const id = created.createWebhookEndpoint.endpoint.id;
    const other = await registerTenant(t);
    for (const [query, variables] of [
      [UPDATE_ENDPOINT, { input: { id, isActive: false } }],
      [DELETE_ENDPOINT, { id }],
      [ROTATE_SECRET, { id }],
      [DELIVERIES, { endpointId: id }],
      [REDELIVER, { deliveryId: id }],
      [ROTATE_SECRET, { id: 'not-a-uuid' }],
    ] as const) {
      expect(code(await t.gql(query, variables, other.ownerToken))).toBe('NOT_FOUND');
    }
    expect((await t.ok(ENDPOINTS, {}, other.ownerToken)).webhookEndpoints).toEqual([]);
  });
});
