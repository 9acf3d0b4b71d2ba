import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
  webhooks: WebhookConfig;
}

export const DATA_DIR = path.resolve(process.env.DATA_DIR ?? '.data');

/** A dev secret kept in ./.data so tokens survive restarts; production must set JWT_SECRET. */
function jwtSecretFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : DATA_DIR;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    port: Number(env.PORT ?? 4000),
    jwtSecret: env.JWT_SECRET || jwtSecretFromDataDir(dataDir),
    smtpUrl: env.SMTP_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    dataDir,
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT ?? 54320),
    allowTenantRegistration: env.ALLOW_TENANT_REGISTRATION !== 'false',
    runJobs: env.RUN_JOBS !== 'false',
    sqlStats: env.SQL_STATS === '1',
    production: env.NODE_ENV === 'production',
    webhooks: loadWebhookConfig(env, env.NODE_ENV === 'production'),
  };
}
