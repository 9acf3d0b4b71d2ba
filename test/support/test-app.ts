import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { RunningApp, startApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { createLogger, Logger } from '../../src/logger';
import { admin, templateName, withDatabase } from './test-db';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestApp {
  app: RunningApp;
  url: string;
  databaseUrl: string;
  /** POSTs one operation over real HTTP. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** Counts the SQL statements `work` sends (BEGIN/COMMIT included), e.g. to catch N+1 loads. */
  countQueries(work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }>;
  /** Runs SQL (`?` placeholders) directly against this app's database, to assert what was written. */
  sql<R = Record<string, any>>(text: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  redis?: boolean;
  jobs?: boolean;
  env?: Record<string, string>;
  /** Run as a second server instance on that app's database (this one's close() leaves it). */
  sameDatabaseAs?: TestApp;
  /** The server's logger (silent unless LOG_LEVEL is set). */
  log?: Logger;
}

/**
 * A real server on a free port with its own database cloned from the migrated
 * template, so test files run in parallel without sharing state.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const baseUrl = process.env.DATABASE_URL!;
  const database = options.sameDatabaseAs ? null : `pos_test_${randomBytes(6).toString('hex')}`;
  if (database) await admin(baseUrl, `create database ${database} template ${templateName()}`);
  const databaseUrl = options.sameDatabaseAs?.databaseUrl ?? withDatabase(baseUrl, database!);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redis ? requireRedisUrl() : '',
    PORT: '0',
    RUN_JOBS: options.jobs ? 'true' : 'false',
    // Failed-attempt counts in a shared Redis stay per database (every test signs in from 127.0.0.1).
    THROTTLE_KEY_PREFIX: `throttle:${databaseUrl}`,
    ...options.env,
  });
  let recording: string[] | undefined;
  const app = await startApp(config, {
    log: options.log ?? createLogger(process.env.LOG_LEVEL ?? 'silent', false),
    onQuery: (statement) => recording?.push(statement),
  });
  const url = app.server.url;

  const gql: TestApp['gql'] = async (query, variables, token) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<any>;
  };

  const ok: TestApp['ok'] = async (query, variables, token) => {
    const res = await gql(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data as any;
  };

  const sql: TestApp['sql'] = async (text, values) =>
    (await app.services.orm.em.getConnection().execute(text, (values ?? []) as any[])) as any;

  const countQueries: TestApp['countQueries'] = async (work) => {
    const statements: string[] = [];
    recording = statements;
    try {
      await work();
    } finally {
      recording = undefined;
    }
    return { count: statements.length, statements };
  };

  return {
    app,
    url,
    countQueries,
    databaseUrl,
    gql,
    ok,
    sql,
    async close() {
      await app.shutdown();
      if (database) await admin(baseUrl, `drop database if exists ${database} with (force)`);
    },
  };
}

/** Redis suites fail (never skip) when Redis is not reachable. */
export function requireRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('This suite needs REDIS_URL (a reachable Redis)');
  return url;
}

/** The error code of the first error, for `expect(codeOf(res)).toBe('NOT_FOUND')`. */
export function codeOf(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}
