import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node flags `npm start` gives the server (package.json
 * `config.serverNodeOptions`: the V8 heap budget, docs/benchmarks.md,
 * Memory), so a benchmark's server runs as a user's does.
 */
export function serverNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as {
    config?: { serverNodeOptions?: string };
  };
  return (pkg.config?.serverNodeOptions ?? '').split(/\s+/).filter(Boolean);
}
