/**
 * The limits that keep one request from taking the process down, read from
 * the environment once (docs/security.md, "Operation and connection limits",
 * explains each default).
 */
export interface OperationLimits {
  /** GRAPHQL_MAX_TOKENS: lexer tokens in one document; the parser stops at the first one over. */
  maxTokens: number;
  /** GRAPHQL_MAX_DEPTH: nesting of selections, fragments followed. */
  maxDepth: number;
  /** GRAPHQL_MAX_ALIASES: aliases in one operation, fragments followed. */
  maxAliases: number;
  /** GRAPHQL_MAX_DIRECTIVES: directives in one operation. */
  maxDirectives: number;
  /** GRAPHQL_MAX_COST: GraphQL Armor's static cost (objects 2, scalars 1, times 1.5 per level). */
  maxCost: number;
  /** GRAPHQL_INTROSPECTION: `__schema`/`__type` allowed (default: everywhere but NODE_ENV=production). */
  introspection: boolean;
  /** MAX_BODY_BYTES: an HTTP request body larger than this is refused with 413 before it is parsed. */
  maxBodyBytes: number;
}

export interface ConnectionLimits {
  /** WS_MAX_SUBSCRIPTIONS: operations open at once on one WebSocket. */
  maxSubscriptionsPerConnection: number;
  /** WS_MAX_PAYLOAD_BYTES: one WebSocket message; a larger one closes the socket (1009). */
  maxPayloadBytes: number;
  /** WS_MAX_CONNECTIONS_PER_TOKEN: sockets one token may hold open on one instance. */
  maxConnectionsPerToken: number;
}

export interface LimitsConfig {
  operations: OperationLimits;
  connections: ConnectionLimits;
  /** CORS_ORIGINS: exact origins (scheme://host[:port]) browsers may call the API from; none by default. */
  corsOrigins: string[];
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function loadLimits(env: NodeJS.ProcessEnv, production: boolean): LimitsConfig {
  const introspection = env.GRAPHQL_INTROSPECTION ? env.GRAPHQL_INTROSPECTION === 'true' : !production;
  return {
    operations: {
      maxTokens: positiveInt(env, 'GRAPHQL_MAX_TOKENS', 2000),
      maxDepth: positiveInt(env, 'GRAPHQL_MAX_DEPTH', 15),
      maxAliases: positiveInt(env, 'GRAPHQL_MAX_ALIASES', 30),
      maxDirectives: positiveInt(env, 'GRAPHQL_MAX_DIRECTIVES', 50),
      maxCost: positiveInt(env, 'GRAPHQL_MAX_COST', 20000),
      introspection,
      maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES', 256 * 1024),
    },
    connections: {
      maxSubscriptionsPerConnection: positiveInt(env, 'WS_MAX_SUBSCRIPTIONS', 20),
      maxPayloadBytes: positiveInt(env, 'WS_MAX_PAYLOAD_BYTES', 64 * 1024),
      maxConnectionsPerToken: positiveInt(env, 'WS_MAX_CONNECTIONS_PER_TOKEN', 250),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}
