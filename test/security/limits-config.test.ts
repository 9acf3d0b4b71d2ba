import { loadConfig } from '../../src/config';

/** What the environment turns into; the limits themselves are exercised against a real server in the other files. */
const config = (env: Record<string, string>) => loadConfig({ JWT_SECRET: 'x', ...env });

it('has safe defaults in production and sensible ones elsewhere', () => {
  const production = config({ NODE_ENV: 'production' });
  expect(production.allowTenantRegistration).toBe(false);
  expect(production.limits.operations).toMatchObject({
    introspection: false,
    maxDepth: 15,
    maxAliases: 30,
    maxTokens: 2000,
  });
  expect(production.limits.connections).toEqual({
    maxSubscriptionsPerConnection: 20,
    maxPayloadBytes: 65536,
    maxConnectionsPerToken: 250,
  });
  expect(production.limits.corsOrigins).toEqual([]);
  const development = config({});
  expect(development.allowTenantRegistration).toBe(true);
  expect(development.limits.operations.introspection).toBe(true);
});

it('reads every limit from its variable, and opts into what production keeps off', () => {
  const c = config({
    NODE_ENV: 'production',
    ALLOW_TENANT_REGISTRATION: 'true',
    GRAPHQL_INTROSPECTION: 'true',
    GRAPHQL_MAX_DEPTH: '8',
    GRAPHQL_MAX_COST: '900',
    WS_MAX_SUBSCRIPTIONS: '5',
    CORS_ORIGINS: ' https://a.example , https://b.example:8443,',
  });
  expect(c.allowTenantRegistration).toBe(true);
  expect(c.limits.operations).toMatchObject({ introspection: true, maxDepth: 8, maxCost: 900 });
  expect(c.limits.connections.maxSubscriptionsPerConnection).toBe(5);
  expect(c.limits.corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
  expect(config({ GRAPHQL_INTROSPECTION: 'false' }).limits.operations.introspection).toBe(false);
});

it('refuses a limit that is not a positive integer instead of running without it', () => {
  expect(() => config({ GRAPHQL_MAX_ALIASES: '0' })).toThrow('GRAPHQL_MAX_ALIASES must be a positive integer');
  expect(() => config({ MAX_BODY_BYTES: '1mb' })).toThrow('MAX_BODY_BYTES must be a positive integer');
});
