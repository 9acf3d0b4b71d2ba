import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO } from '../../src/services/tenancy/demo-seed';

/**
 * The README's start command (`npm start`, through npm) on a machine with nothing
 * configured: no DATABASE_URL, no REDIS_URL. The server brings up its own
 * PostgreSQL in the data directory, seeds the demo tenant once, shuts down
 * cleanly on SIGTERM, and a second start does not rebuild.
 */
const ROOT = path.resolve(__dirname, '../..');

function startServer(
  dataDir: string,
  port: number,
  pgPort: number,
): { child: ChildProcess; ready: Promise<string>; output: () => string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.JWT_SECRET;
  const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('POS GraphQL API ready')) resolve(output);
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function gql(port: number, query: string, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as any;
}

describe('npm start with nothing configured', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pos-data-'));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user when we are root
  const port = 42000 + Math.floor(Math.random() * 2000);
  const pgPort = 56000 + Math.floor(Math.random() * 2000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves GraphQL on an embedded PostgreSQL, with a demo login, and reuses ./.data on the next start', async () => {
    const first = startServer(dataDir, port, pgPort);
    const banner = await first.ready;
    expect(banner).toContain(`email "${DEMO.email}"`);
    expect(banner).toContain(`customer display: http://localhost:${port}/display#token=`);
    expect(banner).toContain(`GraphQL IDE (works offline): open http://localhost:${port}/graphql in a browser`);
    const login = `mutation { login(input: { tenantSlug: "${DEMO.tenantSlug}", email: "${DEMO.email}", password: "${DEMO.password}" }) { token } }`;
    const token = (await gql(port, login)).data.login.token;
    const me = await gql(port, '{ me { email roles } }', token);
    expect(me.data.me).toEqual({ email: DEMO.email, roles: ['OWNER'] });
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toEqual({ status: 'ok', database: 'up', pubsub: 'up', pubsubKind: 'memory' });
    expect(await stop(first.child)).toBe(0);
    expect(first.output()).not.toMatch(/ERROR|error|terminating connection/);

    // Nothing changed since the first start: no rebuild, so it is served quickly (generous bound: it
    // catches a full tsc run, ~15 s here, not a performance figure; those live in bench/).
    const startedAt = Date.now();
    const second = startServer(dataDir, port, pgPort);
    await second.ready;
    expect(second.output()).not.toContain('compiling: sources changed');
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    // Same data and same generated JWT secret: the old token still works, and the demo tenant was not seeded twice.
    expect((await gql(port, '{ me { email } }', token)).data.me.email).toBe(DEMO.email);
    expect((await gql(port, login)).data.login.token).toBeTruthy();
    expect(await stop(second.child)).toBe(0);
    expect(second.output()).not.toMatch(/ERROR|error|terminating connection/);
  }, 180_000);
});
