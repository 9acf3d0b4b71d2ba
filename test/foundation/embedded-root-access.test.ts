import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postgresUserAccessProblem } from '../../src/db/embedded-postgres-access';

/**
 * As root, the embedded PostgreSQL runs as the `postgres` user: a clone or data
 * folder inside a folder that user cannot enter (root's home, mode 700) fails
 * up front with one line saying what is wrong and how to fix it.
 */
const ROOT = path.resolve(__dirname, '../..');

describe('embedded PostgreSQL in a folder the postgres user cannot enter', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'root-home-')); // mkdtemp makes it mode 700, like /root
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('names the blocking folder, its mode and the fixes', () => {
    const dataDir = path.join(home, 'clone/.data/pg');
    const problem = postgresUserAccessProblem(ROOT, dataDir);
    expect(problem).toContain(`cannot reach the data folder (${dataDir}): ${home} is mode 700.`);
    expect(problem).toContain('set DATA_DIR to a folder it can reach');
    expect(problem).toContain(`chmod o+x ${home}`);
    expect(problem).not.toContain('\n');
    chmodSync(home, 0o711);
    expect(postgresUserAccessProblem(ROOT, dataDir)).toBeUndefined();
    chmodSync(home, 0o700);
  });

  it('the server started as root there exits 1 with that one line and starts nothing', async () => {
    const dataDir = path.join(home, 'data');
    mkdirSync(dataDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      EMBEDDED_PG_PORT: String(57000 + Math.floor(Math.random() * 900)),
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    env.JWT_SECRET = 'root-access-test';
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const ready = new Promise<'ready' | number | null>((resolve) => {
      child.stdout.on('data', () => output.includes('POS GraphQL API ready') && resolve('ready'));
      child.on('exit', (code) => resolve(code));
    });
    const outcome = await ready;
    if (process.getuid?.() === 0) {
      expect(outcome).toBe(1);
      expect(output.trim().split('\n')).toEqual([
        expect.stringContaining(
          `embedded PostgreSQL runs as the "postgres" user when started as root, and it cannot reach the data folder (${path.join(dataDir, 'pg')}): ${home} is mode 700.`,
        ),
      ]);
    } else {
      // Not root: PostgreSQL runs as this user, who owns the folder, so it starts.
      expect(outcome).toBe('ready');
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
