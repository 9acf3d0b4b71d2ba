import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { setupPos, PosFixture } from '../support/pos-fixtures';
import { CREATE_PRODUCT } from '../support/operations';
import { codeOf, GraphQLResponse, TestApp } from '../support/test-app';
import { ProductionServer, removeBuild, startProductionServer } from './production-server';

/**
 * The issue-13 attacks over HTTP, against the server as production runs it
 * (own process, 128 MB heap, NODE_ENV=production): each is refused with its
 * code before it runs, and the process still answers /healthz afterwards.
 */
const ALLOWED_ORIGIN = 'https://pos.example.com';
let server: ProductionServer;
let pos: PosFixture;

beforeAll(async () => {
  server = await startProductionServer({
    ALLOW_TENANT_REGISTRATION: 'true',
    CORS_ORIGINS: `${ALLOWED_ORIGIN}, https://other.example.com`,
  });
  pos = await setupPos(server as unknown as TestApp);
  logMemory('after start-up and set-up');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  removeBuild();
});

const codes = (res: any): Array<string | undefined> | undefined =>
  (res as GraphQLResponse).errors?.map((e) => e.extensions?.code);

function logMemory(what: string): void {
  const { rssKb, peakRssKb } = server.memory();
  // Figures for docs/security.md; the assertion is that the process lives, not a number.
  console.log(`${what}: server RSS ${Math.round(rssKb / 1024)} MB, peak ${Math.round(peakRssKb / 1024)} MB`);
}

/** The introspection query's `__schema { ... }` selection under `count` aliases, its fragments once. */
function aliasedIntrospection(count: number): string {
  const full = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    inputValueDeprecation: true,
  });
  const start = full.indexOf('__schema');
  let depth = 0;
  let end = full.indexOf('{', start);
  for (let i = end; i < full.length; i++) {
    if (full[i] === '{') depth++;
    if (full[i] === '}' && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  const schemaSelection = full.slice(start, end);
  const fragments = full.slice(full.indexOf('fragment '));
  const aliases = Array.from({ length: count }, (_, i) => `a${i}: ${schemaSelection}`).join('\n');
  return `query IntrospectionBomb {\n${aliases}\n}\n${fragments}`;
}

describe('operation limits', () => {
  it('refuses an unauthenticated ~100 KB POST of 300 aliased full introspections, and stays up', async () => {
    const body = JSON.stringify({ query: aliasedIntrospection(300) });
    expect(body.length).toBeGreaterThan(90_000);
    expect(body.length).toBeLessThan(256 * 1024);
    const res = await server.post(body);
    expect(res.status).toBe(400);
    expect(codes(await res.json())).toEqual(['QUERY_TOO_COMPLEX']);
    logMemory('after the 300-alias introspection POST');
    expect(await server.healthy()).toBe(true);
  });

  it('refuses a CASHIER token with 5,000 aliases of receipt(saleId:), and stays up', async () => {
    const saleId = randomUUID();
    const one = await server.gql(
      `query { receipt(saleId: "${saleId}") { header { tenantName } } }`,
      {},
      pos.cashier.token,
    );
    expect(codeOf(one)).toBe('NOT_FOUND'); // one receipt is an ordinary query: the limit is what refuses the flood
    const flood = Array.from({ length: 5000 }, (_, i) => `r${i}:receipt(saleId:$s){lines{sku lineTotal}}`);
    const res = await server.gql(`query($s: ID!) { ${flood.join(' ')} }`, { s: saleId }, pos.cashier.token);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.data).toBeUndefined();
    logMemory('after the 5,000-alias receipt flood');
    expect(await server.healthy()).toBe(true);
  });

  it('refuses depth 200 (sale -> refunds -> sale ...), and stays up', async () => {
    const open = 'refunds { sale { '.repeat(100);
    const close = '} } '.repeat(100);
    const res = await server.gql(`query { sale(id: "${randomUUID()}") { ${open} id ${close} } }`, {}, pos.ownerToken);
    expect(new Set(codes(res))).toEqual(new Set(['QUERY_TOO_COMPLEX'])); // the depth, and the cost that comes with it
    expect(res.errors![0].message).toMatch(/depth limit of 15 exceeded/);
    expect(await server.healthy()).toBe(true);
  });

  it('refuses more aliases than allowed even when the document is small', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `m${i}: me { id }`).join(' ');
    const res = await server.gql(`query { ${aliases} }`, {}, pos.cashier.token);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.errors![0].message).toMatch(/Aliases limit of 30 exceeded, found 31/);
  });

  it('refuses too many directives', async () => {
    const res = await server.gql(`query { me { id ${'@include(if: true) '.repeat(51)} } }`, {}, pos.cashier.token);
    expect(codes(res)).toContain('QUERY_TOO_COMPLEX');
    expect(res.errors!.map((e) => e.message).join(' ')).toMatch(/Directives limit of 50 exceeded/);
  });

  it('refuses a fragment bomb by its cost: a few hundred bytes that would select a field 65,536 times', async () => {
    const levels = Array.from({ length: 16 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    const query = `query { ...F0 }\n${levels.join('\n')}\nfragment F16 on Query { me { id email } }`;
    expect(query.length).toBeLessThan(1000);
    const res = await server.gql(query, {}, pos.cashier.token);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.errors![0].message).toMatch(/cost limit of 20000 exceeded/i);
    expect(await server.healthy()).toBe(true);
  });

  it('refuses a body over MAX_BODY_BYTES with 413 before parsing it', async () => {
    const res = await server.post(JSON.stringify({ query: `query { me { id } } # ${'x'.repeat(300 * 1024)}` }));
    expect(res.status).toBe(413);
    expect(codes(await res.json())).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(await server.healthy()).toBe(true);
  });

  it('refuses introspection in production', async () => {
    const res = await server.gql(getIntrospectionQuery());
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/introspection/i);
    expect(res.data).toBeUndefined();
    expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

describe('input hygiene', () => {
  const product = (input: Record<string, unknown>) =>
    server.gql(
      CREATE_PRODUCT,
      { input: { sku: `S-${randomUUID().slice(0, 8)}`, name: 'Tea', price: '2.00', ...input } },
      pos.ownerToken,
    );

  it('refuses a NUL byte (and other control characters) in a string with BAD_USER_INPUT, in variables and literals', async () => {
    expect(codes(await product({ name: 'Te\u0000a' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await product({ name: 'Te\u001ba' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await product({ attributes: { 'co\u0000lour': 'red' } }))).toEqual(['BAD_USER_INPUT']);
    const literal = await server.gql(
      `mutation { createProduct(input: { sku: "NUL-1", name: "Te\\u0000a", price: "1.00" }) { id } }`,
      {},
      pos.ownerToken,
    );
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    const rows = await server.gql(`query { products(first: 100) { totalCount } }`, {}, pos.ownerToken);
    expect(rows.data?.products.totalCount).toBe(0); // nothing was written
    // Tab, line feed and carriage return are text.
    const fine = await product({ name: 'Tea\tGreen', category: 'Hot\r\ndrinks' });
    expect(fine.errors).toBeUndefined();
    expect(fine.data?.createProduct.name).toBe('Tea\tGreen');
  });

  it('refuses product attributes that are too large or too deep with BAD_USER_INPUT', async () => {
    const huge = await product({ attributes: { notes: 'x'.repeat(100_000) } });
    expect(codes(huge)).toEqual(['BAD_USER_INPUT']);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 2000; i++) deep = { nested: deep };
    expect(codes(await product({ attributes: deep }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await product({ attributes: { a: { b: { c: { d: { e: 1 } } } } } }))).toEqual(['BAD_USER_INPUT']);
    const fine = await product({ attributes: { colour: 'red', size: { eu: 42, us: 9 } } });
    expect(fine.errors).toBeUndefined();
    expect(await server.healthy()).toBe(true);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(server.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from an allowed origin with the headers a browser needs', async () => {
    const res = await preflight(ALLOWED_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
    expect(res.headers.get('vary')).toContain('Origin');
    const call = await fetch(server.url, {
      method: 'POST',
      headers: {
        origin: ALLOWED_ORIGIN,
        'content-type': 'application/json',
        authorization: `Bearer ${pos.cashier.token}`,
      },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(call.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(call.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('refuses a preflight from any other origin, without CORS headers', async () => {
    const res = await preflight('https://evil.example.net');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const call = await fetch(server.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example.net', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(call.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('production defaults that can be opted into', () => {
  let open: ProductionServer;
  beforeAll(async () => {
    open = await startProductionServer({ GRAPHQL_INTROSPECTION: 'true' });
  }, 120_000);
  afterAll(() => open?.stop());

  it('allows introspection with GRAPHQL_INTROSPECTION=true, and still refuses the aliased flood', async () => {
    const res = await open.gql(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema.queryType.name).toBe('Query');
    const flood = await open.post(JSON.stringify({ query: aliasedIntrospection(300) }));
    expect(codes(await flood.json())).toEqual(['QUERY_TOO_COMPLEX']);
    const few = await open.gql(aliasedIntrospection(3)); // within tokens and aliases, but three full schemas cost too much
    expect(codes(few)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(await open.healthy()).toBe(true);
  });

  it('has public tenant registration off unless ALLOW_TENANT_REGISTRATION=true', async () => {
    const res = await open.gql(`mutation($input: RegisterTenantInput!) { registerTenant(input: $input) { token } }`, {
      input: {
        name: 'Walk-in',
        slug: `w-${randomUUID().slice(0, 8)}`,
        currency: 'USD',
        ownerEmail: 'o@w.test',
        ownerPassword: 'correct-horse-battery',
      },
    });
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});
