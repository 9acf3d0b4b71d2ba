#!/usr/bin/env node
// `npm run build` (with --always) and `npm start` and friends call this instead of `tsc` every time: a second start
// should not pay for a full type-check when nothing changed. The build is stale
// when any compiled input is newer than the stamp written after the last good build
// (tsc's own build info keeps its old mtime when an incremental build emits nothing).
const { execFileSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist/.build-stamp');
const inputs = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its directory's mtime
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

const lock = path.join(root, 'dist/.build-lock');

/** Two starts at once (tests, a server and an agent) must not both write dist/: the second waits. */
function withLock(work) {
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} stayed for 3 minutes: remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(lock);
  }
}

const code = withLock(() => {
  const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const changed = Math.max(...inputs.map((input) => newestMtime(path.join(root, input))));
  if (!process.argv.includes('--always') && changed <= built) return 0;
  const startedAt = new Date(); // an edit made while tsc runs must make the next start build again
  console.log('compiling: sources changed since the last build');
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  } catch {
    return 1;
  }
  writeFileSync(stamp, startedAt.toISOString() + '\n');
  utimesSync(stamp, startedAt, startedAt);
  return 0;
});
process.exit(code);
