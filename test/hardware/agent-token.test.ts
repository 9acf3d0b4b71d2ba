import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deviceToken } from '../display/support';
import { startFakePrinter, FakePrinter } from '../support/fake-printer';
import { setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '../..');

/** Runs a command until `done` matches its output (then SIGTERM) or it exits; returns all it printed. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  done?: RegExp,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; output:\n${output}`));
    }, 90_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (done?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the hardware agent token stays out of every output', () => {
  let t: TestApp;
  let printer: FakePrinter;
  let token: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'agent-token-'));

  beforeAll(async () => {
    t = await startTestApp();
    const fx = await setupPos(t, { products: [{ sku: 'A', name: 'A', price: '1.00', taxRate: '0' }] });
    token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'HARDWARE_AGENT');
    printer = await startFakePrinter();
  });
  afterAll(async () => {
    await printer?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm run agent with --token-file connects, and neither npm nor the agent prints the token', async () => {
    const file = path.join(dir, 'token');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    const env = { LOG_LEVEL: 'debug', POS_AGENT_TOKEN: '' };
    const { output } = await run(
      'npm',
      ['run', 'agent', '--', '--server', t.url, '--token-file', file, '--printer', printer.url],
      env,
      /connected to the server/,
    );
    expect(output).toContain('--token-file');
    expect(output).toContain('connected to the server');
    expect(output).not.toContain(token);
    expect(output).not.toContain(token.split('.')[2]); // not even the signature alone
  }, 120_000);

  it('reads POS_AGENT_TOKEN from the environment', async () => {
    const args = [
      '-r',
      'ts-node/register/transpile-only',
      'src/hardware-agent/main.ts',
      '--server',
      t.url,
      '--printer',
      printer.url,
    ];
    const { output } = await run(
      process.execPath,
      args,
      { POS_AGENT_TOKEN: token, LOG_LEVEL: 'debug' },
      /connected to the server/,
    );
    expect(output).toContain('connected to the server');
    expect(output).not.toContain(token);
  }, 120_000);

  it('refuses --token on the command line, says where the token goes, and exits 2', async () => {
    const args = [
      '-r',
      'ts-node/register/transpile-only',
      'src/hardware-agent/main.ts',
      '--server',
      t.url,
      '--token',
      token,
      '--printer',
      printer.url,
    ];
    const { code, output } = await run(process.execPath, args, { POS_AGENT_TOKEN: '' });
    expect(code).toBe(2);
    expect(output).toContain('Put it in POS_AGENT_TOKEN or in a file named by --token-file PATH.');
    expect(output).not.toContain(token);
  });

  it('names an unreadable token file without printing anything from it', async () => {
    const args = [
      '-r',
      'ts-node/register/transpile-only',
      'src/hardware-agent/main.ts',
      '--server',
      t.url,
      '--token-file',
      path.join(dir, 'missing'),
      '--printer',
      printer.url,
    ];
    const { code, output } = await run(process.execPath, args, { POS_AGENT_TOKEN: '' });
    expect(code).toBe(2);
    expect(output).toContain(`--token-file ${path.join(dir, 'missing')} cannot be read: ENOENT`);
  });
});
