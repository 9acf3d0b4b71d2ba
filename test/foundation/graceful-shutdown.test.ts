import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { admin, templateName, withDatabase } from '../support/test-db';

/**
 * SIGTERM to a real server process (src/main.ts, job workers on): a request
 * already running completes, new connections are refused, and the process
 * exits 0 without logging an error.
 */
const ROOT = path.resolve(__dirname, '../..');
const port = 44000 + Math.floor(Math.random() * 2000);
const url = `http://127.0.0.1:${port}/graphql`;

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

describe('graceful shutdown on SIGTERM', () => {
  const database = `pos_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(process.env.DATABASE_URL!, database);
  let child: ChildProcess;
  let log = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    await admin(process.env.DATABASE_URL!, `create database ${database} template ${templateName()}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      RUN_JOBS: 'true',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      JWT_SECRET: 'shutdown-test-secret',
    };
    delete env.REDIS_URL;
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? (console.log(signal, log), null))),
    );
    await new Promise<void>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        log += chunk;
        if (log.includes('POS GraphQL API ready')) resolve();
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      exited.then((code) => reject(new Error(`server exited with ${code}:\n${log}`)));
    });
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await admin(process.env.DATABASE_URL!, `drop database if exists ${database} with (force)`);
  });

  it('prints a banner true for DATABASE_URL with no demo tenant: no demo login, no IDE in production', () => {
    expect(log).toContain('database: DATABASE_URL');
    expect(log).not.toContain('demo login');
    expect(log).toContain('no demo tenant here');
    expect(log).not.toContain('GraphQL IDE');
  });

  it('finishes the request in flight, refuses new ones, exits 0 with no error logged', async () => {
    const slug = `t-${randomBytes(4).toString('hex')}`;
    const register = await gql('mutation R($input: RegisterTenantInput!) { registerTenant(input: $input) { token } }', {
      input: {
        name: 'Shutdown',
        slug,
        currency: 'USD',
        ownerEmail: `o@${slug}.test`,
        ownerPassword: 'correct-horse-battery',
      },
    });
    expect(register.data.registerTenant.token).toBeTruthy();

    // Hold the tenants table so the login below stays in flight until we let it go.
    const locker = new Client({ connectionString: databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table tenants in access exclusive mode');
    const login = gql('mutation L($input: LoginInput!) { login(input: $input) { token } }', {
      input: { tenantSlug: slug, email: `o@${slug}.test`, password: 'correct-horse-battery' },
    });
    for (let i = 0; i < 100; i++) {
      const waiting = await locker.query(
        `select count(*)::int as n from pg_locks where not granted and relation = 'tenants'::regclass`,
      );
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(); // no longer accepting
    await locker.query('commit');
    await locker.end();

    expect((await login).data.login.token).toBeTruthy();
    const started = Date.now();
    const code = await exited;
    if (code !== 0) console.log(log);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const lines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain('shutting down: finishing in-flight requests');
    expect(log).not.toContain('terminating connection');
  }, 60_000);
});
