import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverNodeOptions } from './server-node-options';

/**
 * `node dist/src/main.js` as production runs it (NODE_ENV=production, the
 * package.json Node flags), on `databaseUrl`; resolves once it is listening.
 * Benchmarks set their shop up through registerTenant, which production must opt into.
 */
export function startServer(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
  profileDir?: string,
): Promise<ChildProcess> {
  return startAppProcess(
    'dist/src/main.js',
    'ready at',
    { DATABASE_URL: databaseUrl, PORT: String(port), ...env },
    profileDir,
  );
}

/**
 * `node dist/src/worker.js` (the jobs without HTTP) the same way, beside a
 * server started with RUN_JOBS=false; resolves once its queues are subscribed.
 */
export function startWorker(databaseUrl: string, env: Record<string, string> = {}, profileDir?: string) {
  // At info level the worker says when it has started.
  return startAppProcess(
    'dist/src/worker.js',
    'job worker started',
    { DATABASE_URL: databaseUrl, ...env, LOG_LEVEL: 'info' },
    profileDir,
  );
}

async function startAppProcess(
  script: string,
  readyLine: string,
  env: Record<string, string>,
  profileDir?: string,
): Promise<ChildProcess> {
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...serverNodeOptions(), ...profiling, script], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ALLOW_TENANT_REGISTRATION: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes(readyLine)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** CPU time (user + system, all threads) the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // utime, stime in USER_HZ (100 on Linux)
}

/** The process's peak resident set (VmHWM) since it started or since resetPeakRss. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Starts a new peak (VmHWM back to the current RSS: clear_refs "5", Linux 4.0+); false when refused. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
