import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LimitsConfig, loadLimits } from './server/limits/limits-config';
import { loadWebhookConfig, WebhookConfig } from './services/webhooks/webhook-config';

/** Everything the process reads from its environment, read once. */
export interface AppConfig {
  databaseUrl?: string;
  redisUrl?: string;
  port: number;
  jwtSecret: string;
  smtpUrl?: string;
  logLevel: string;
  dataDir: string;
  embeddedPgPort: number;
  allowTenantRegistration: boolean;
  /** Whether this process works background jobs (it can always enqueue them). */
  runJobs: boolean;
  /** Count SQL statements and serve the count at /debug/sql-statements (benchmarks only). */
  sqlStats: boolean;
  production: boolean;
  /** Operation, body, WebSocket and CORS limits (server/limits/limits-config.ts). */
  limits: LimitsConfig;
  /** Backstop lifetime of a cached user credential row (ms); evictions come through the event bus. */
  authCacheTtlMs: number;
  throttle: ThrottleConfig;
  webhooks: WebhookConfig;
  /** AES-256 key (base64 or hex) the gateway credentials and webhook secrets are sealed with (core/secret-cipher.ts). */
  secretsEncryptionKey: string;
  /** Where the Stripe / Square SDKs send their requests; unset: the providers' own hosts. */
  stripeApiUrl?: string;
  squareApiUrl?: string;
  /** The notification URL as registered at Square (its signatures cover it); unset: the URL of the request. */
  squareWebhookUrl?: string;
  /** How often a card reader is asked whether the customer has paid (ms). */
  readerPollMs: number;
}

/** Failed attempts allowed per key within `windowSeconds` before TOO_MANY_ATTEMPTS (docs/security.md). */
export interface ThrottleConfig {
  windowSeconds: number;
  loginPerAccount: number;
  loginPerAddress: number;
  approvalPerUser: number;
  approvalPerTerminal: number;
  /** Prefix of the limiter keys in Redis (one Redis may serve several deployments). */
  keyPrefix: string;
}

export const DATA_DIR = path.resolve(process.env.DATA_DIR ?? '.data');

/** A dev secret kept in ./.data so it survives restarts; production sets it in the environment. */
function secretFromDataDir(dataDir: string, name: string, bytes: number, encoding: 'base64url' | 'base64'): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(bytes).toString(encoding);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * SECRETS_ENCRYPTION_KEY, or GATEWAY_ENCRYPTION_KEY, its name from when it
 * sealed gateway credentials only; two different keys are refused rather
 * than one silently winning. The development file keeps its old name so the
 * credentials already sealed with it still open.
 */
function secretsEncryptionKey(env: NodeJS.ProcessEnv, dataDir: string): string {
  const { SECRETS_ENCRYPTION_KEY: key, GATEWAY_ENCRYPTION_KEY: oldKey } = env;
  if (key && oldKey && key !== oldKey)
    throw new Error('SECRETS_ENCRYPTION_KEY and GATEWAY_ENCRYPTION_KEY differ: set only SECRETS_ENCRYPTION_KEY');
  return key || oldKey || secretFromDataDir(dataDir, 'gateway-key', 32, 'base64');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : DATA_DIR;
  const production = env.NODE_ENV === 'production';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    port: Number(env.PORT ?? 4000),
    jwtSecret: env.JWT_SECRET || secretFromDataDir(dataDir, 'jwt-secret', 48, 'base64url'),
    smtpUrl: env.SMTP_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    dataDir,
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT ?? 54320),
    // Public sign-up hands anyone an OWNER token: a production deployment opts in.
    allowTenantRegistration: env.ALLOW_TENANT_REGISTRATION ? env.ALLOW_TENANT_REGISTRATION === 'true' : !production,
    runJobs: env.RUN_JOBS !== 'false',
    sqlStats: env.SQL_STATS === '1',
    production,
    limits: loadLimits(env, production),
    authCacheTtlMs: Number(env.AUTH_CACHE_TTL_MS ?? 60_000),
    throttle: {
      windowSeconds: Number(env.THROTTLE_WINDOW_SECONDS ?? 900),
      loginPerAccount: Number(env.THROTTLE_LOGIN_PER_ACCOUNT ?? 10),
      loginPerAddress: Number(env.THROTTLE_LOGIN_PER_ADDRESS ?? 100),
      approvalPerUser: Number(env.THROTTLE_APPROVAL_PER_USER ?? 10),
      approvalPerTerminal: Number(env.THROTTLE_APPROVAL_PER_TERMINAL ?? 20),
      keyPrefix: env.THROTTLE_KEY_PREFIX || 'pos-throttle',
    },
    webhooks: loadWebhookConfig(env, production),
    secretsEncryptionKey: secretsEncryptionKey(env, dataDir),
    stripeApiUrl: env.STRIPE_API_URL || undefined,
    squareApiUrl: env.SQUARE_API_URL || undefined,
    squareWebhookUrl: env.SQUARE_WEBHOOK_URL || undefined,
    readerPollMs: Number(env.READER_POLL_MS ?? 500),
  };
}
