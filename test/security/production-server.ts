import { transformFileSync } from '@swc/core';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { GraphQLResponse, TestApp } from '../support/test-app';
import { admin, templateName, withDatabase } from '../support/test-db';

/**
 * The server as `npm start` runs it: compiled JavaScript under plain node with
 * package.json's serverNodeOptions (the production heap budget) and
 * NODE_ENV=production, in its own process, on a database cloned from the
 * migrated template and a free port. The compile is swc's (what jest runs the
 * suite with; tsc's would add half a minute per file), into test-artifacts/
 * so the project root with node_modules and package.json sits above it.
 */
const ROOT = path.resolve(__dirname, '../..');
const NODE_OPTIONS: string[] = JSON.parse(
  readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
).config.serverNodeOptions.split(' ');
const SWC = {
  jsc: {
    parser: { syntax: 'typescript' as const, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022' as const,
  },
  module: { type: 'commonjs' as const },
};

function compileTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) compileTree(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.test.ts')) continue;
    else if (entry.name.endsWith('.ts'))
      writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), transformFileSync(source, SWC).code);
    else copyFileSync(source, path.join(to, entry.name));
  }
}

let built: string | undefined;
function buildOnce(): string {
  if (built) return built;
  const out = path.join(ROOT, 'test-artifacts', `server-${process.pid}-${randomBytes(3).toString('hex')}`);
  compileTree(path.join(ROOT, 'src'), path.join(out, 'src'));
  compileTree(path.join(ROOT, 'migrations'), path.join(out, 'migrations'));
  return (built = out);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ProductionServer extends Pick<TestApp, 'gql' | 'ok'> {
  url: string;
  port: number;
  child: ChildProcess;
  /** POSTs a raw body (for bodies JSON.stringify would not make). */
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  /** True when the process is running and /healthz answers 200. */
  healthy(): Promise<boolean>;
  /** Resident set size now and its peak so far (kB, from /proc). */
  memory(): { rssKb: number; peakRssKb: number };
  output(): string;
  stop(): Promise<void>;
}

export async function startProductionServer(env: Record<string, string> = {}): Promise<ProductionServer> {
  const out = buildOnce();
  const base = process.env.DATABASE_URL!;
  const database = `pos_sec_${randomBytes(6).toString('hex')}`;
  await admin(base, `create database ${database} template ${templateName()}`);
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: withDatabase(base, database),
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    RUN_JOBS: 'false',
    REDIS_URL: '',
    ...env,
  };
  const child = spawn(process.execPath, [...NODE_OPTIONS, path.join(out, 'src/main.js')], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('POS GraphQL API ready')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}/graphql`;

  const post: ProductionServer['post'] = (body, headers = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const gql: ProductionServer['gql'] = async (query, variables, token) =>
    (await (
      await post(JSON.stringify({ query, variables }), token ? { authorization: `Bearer ${token}` } : {})
    ).json()) as GraphQLResponse<any>;
  const ok: ProductionServer['ok'] = async (query, variables, token) => {
    const res = await gql(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data as any;
  };
  const memory = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return { rssKb: kb('VmRSS'), peakRssKb: kb('VmHWM') };
  };

  return {
    url,
    port,
    child,
    post,
    gql,
    ok,
    memory,
    output: () => output,
    async healthy() {
      if (child.exitCode !== null || child.signalCode !== null) return false;
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
      } catch {
        return false;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      await admin(base, `drop database if exists ${database} with (force)`);
    },
  };
}

/** Removes this process's compiled server (afterAll of the last suite using it). */
export function removeBuild(): void {
  if (built) rmSync(built, { recursive: true, force: true });
  built = undefined;
}
