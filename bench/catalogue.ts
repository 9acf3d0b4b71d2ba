/**
 * npm run bench:catalogue -- [--products 300000] [--keep] [--cpu-prof DIR] [--no-jobs]
 * The catalogue at scale on a production server (dist build, package.json Node flags) and a scratch
 * database: a generated CSV imported through `npm run import:products`, full catalogue syncs from an
 * empty cursor (pages of 1,000 and 5,000; every product exactly once), deltas of 100 changes made by
 * another client, barcode and sku lookups, name searches (prefix and substring), and the server's peak
 * RSS in each phase. Prints a table of figure, target, met. --keep leaves the database for EXPLAIN.
 * --no-jobs starts the server with RUN_JOBS=false, as a deployment with a separate worker runs it.
 * Figures: docs/benchmarks.md, "Catalogue at 300,000 products".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAutovacuumStandIn } from './autovacuum-stand-in';
import { admin, withDatabase } from '../test/support/test-db';
import { Api, percentile, registerBenchTenant } from './bench-api';
import { cpuMs, peakRssMiB, resetPeakRss, startServer, stopServer } from './bench-server';
import { BenchProduct, pick, random, writeCatalogueCsv } from './catalogue-data';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const PRODUCTS = Number(option('products') ?? 300_000);
const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DELTA_ROUNDS = 20;
const LOOKUPS = 2000;
const SEARCHES = 500;

const OPS = {
  changes: `query($after: String, $first: Int) { catalogueChanges(after: $after, first: $first) {
    products { id sku barcode name price taxRate isActive } removedProductIds cursor hasMore } }`,
  upsert: `mutation($input: UpsertProductsInput!) { upsertProducts(input: $input) { updated productIds } }`,
  update: `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
  byBarcode: `query($barcode: String!) { products(barcode: $barcode, first: 1) { edges { node { id sku barcode name price } } } }`,
  bySku: `query($sku: String!) { products(sku: $sku, first: 1) { edges { node { id sku barcode name price } } } }`,
  search: `query($search: String!) { products(search: $search, first: 20) { edges { node { id sku name price } } } }`,
};

const ms = (n: number) => Number(n.toFixed(1));
const stats = (values: number[]) => ({
  n: values.length,
  p50: ms(percentile(values, 50)),
  p99: ms(percentile(values, 99)),
  max: ms(Math.max(...values)),
});

/** Runs `work` as one phase: wall time, the server's CPU and its peak RSS within the phase. */
async function phase<T>(pid: number, work: () => Promise<T>) {
  const reset = resetPeakRss(pid);
  const cpu = cpuMs(pid);
  const started = performance.now();
  const result = await work();
  return {
    result,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    serverCpuSeconds: Number(((cpuMs(pid) - cpu) / 1000).toFixed(2)),
    peakRssMiB: Number(peakRssMiB(pid).toFixed(1)),
    peakSinceStart: !reset,
  };
}

/** `npm run import:products`, end to end (its own process, the CSV streamed 1,000 rows a call). */
function runImport(file: string, url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'import:products', '--', file, '--url', url, '--token', token], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`import exited ${code}: ${out}`))));
  });
}

/** A full sync from an empty cursor; every product must arrive exactly once. */
async function fullSync(api: Api, token: string, first: number) {
  const seen = new Set<string>();
  let duplicates = 0;
  let after: string | null = null;
  let pages = 0;
  const pageMs: number[] = [];
  for (;;) {
    const t0 = performance.now();
    const { catalogueChanges: page } = await api.call(OPS.changes, { after, first }, token);
    pageMs.push(performance.now() - t0);
    pages++;
    for (const p of page.products) {
      if (seen.has(p.id)) duplicates++;
      seen.add(p.id);
    }
    after = page.cursor;
    if (!page.hasMore) break;
  }
  return { pages, products: seen.size, duplicates, exactlyOnce: seen.size === PRODUCTS && !duplicates, pageMs, after };
}

/**
 * Rounds of 100 changes by a second client (even rounds: one upsertProducts of 100 new prices; odd
 * rounds: 100 updateProduct calls, 100 statements of the change log), each followed by the register's
 * delta from its cursor, which must hold exactly those 100 products at their new prices.
 */
async function deltas(
  register: Api,
  backOffice: Api,
  token: string,
  cursor: string,
  ids: Map<string, string>,
  names: Map<string, string>,
) {
  const rnd = random(7);
  const skus = [...ids.keys()];
  const times: Record<'upsert' | 'update', number[]> = { upsert: [], update: [] };
  let correct = 0;
  for (let round = 0; round < DELTA_ROUNDS; round++) {
    const chosen = new Map<string, string>();
    while (chosen.size < 100) chosen.set(pick(rnd, skus), `${1 + Math.floor(rnd() * 500)}.${round % 10}5`);
    const kind = round % 2 ? 'update' : 'upsert';
    if (kind === 'upsert') {
      const products = [...chosen].map(([sku, price]) => ({ sku, name: names.get(sku)!, price }));
      await backOffice.call(OPS.upsert, { input: { products } }, token);
    } else {
      for (const [sku, price] of chosen)
        await backOffice.call(OPS.update, { id: ids.get(sku), input: { price } }, token);
    }
    const t0 = performance.now();
    const { catalogueChanges: page } = await register.call(OPS.changes, { after: cursor, first: 1000 }, token);
    times[kind].push(performance.now() - t0);
    cursor = page.cursor;
    const got = new Map<string, string>(page.products.map((p: any) => [p.sku, p.price]));
    const priceOf = (v: string) => Number(v).toFixed(2);
    if (
      !page.hasMore &&
      got.size === 100 &&
      [...chosen].every(([sku, price]) => priceOf(got.get(sku) ?? '') === priceOf(price))
    )
      correct++;
  }
  return {
    correctRounds: correct,
    rounds: DELTA_ROUNDS,
    upsert: stats(times.upsert),
    update: stats(times.update),
    all: [...times.upsert, ...times.update],
  };
}

async function lookups(api: Api, token: string, products: BenchProduct[]) {
  const rnd = random(11);
  const barcode: number[] = [];
  const sku: number[] = [];
  let wrong = 0;
  for (let i = 0; i < LOOKUPS; i++) {
    const p = pick(rnd, products);
    let t0 = performance.now();
    const a = await api.call(OPS.byBarcode, { barcode: p.barcode }, token);
    barcode.push(performance.now() - t0);
    if (a.products.edges[0]?.node.sku !== p.sku) wrong++;
    t0 = performance.now();
    const b = await api.call(OPS.bySku, { sku: p.sku }, token);
    sku.push(performance.now() - t0);
    if (b.products.edges.length !== 1 || b.products.edges[0].node.sku !== p.sku) wrong++;
  }
  return { wrong, barcode, sku };
}

/** Half prefixes (the first 3-5 letters of a word of a name), half substrings (4-8 characters inside a name). */
function searchTerms(products: BenchProduct[]): Array<{ kind: 'prefix' | 'substring'; q: string }> {
  const rnd = random(13);
  return Array.from({ length: SEARCHES }, (_, i) => {
    const name = pick(rnd, products).name;
    if (i % 2 === 0) {
      const word = pick(
        rnd,
        name.split(' ').filter((w) => w.length >= 3),
      );
      return { kind: 'prefix' as const, q: word.slice(0, 3 + Math.floor(rnd() * Math.min(3, word.length - 2))) };
    }
    const len = 4 + Math.floor(rnd() * 5);
    const at = Math.floor(rnd() * Math.max(1, name.length - len));
    return { kind: 'substring' as const, q: name.slice(at, at + len) };
  });
}

async function searches(api: Api, token: string, products: BenchProduct[]) {
  const times: Record<'prefix' | 'substring', number[]> = { prefix: [], substring: [] };
  const timed: Array<{ q: string; ms: number }> = [];
  let wrong = 0;
  for (const { kind, q } of searchTerms(products)) {
    const t0 = performance.now();
    const { products: found } = await api.call(OPS.search, { search: q }, token);
    times[kind].push(performance.now() - t0);
    timed.push({ q, ms: ms(performance.now() - t0) });
    const needle = q.trim().toLowerCase();
    if (
      !found.edges.length ||
      found.edges.some((e: any) => !`${e.node.name} ${e.node.sku}`.toLowerCase().includes(needle))
    )
      wrong++;
  }
  return {
    wrong,
    slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 8),
    prefix: stats(times.prefix),
    substring: stats(times.substring),
    all: [...times.prefix, ...times.substring],
  };
}

/** A table row for a p99 target: met when the p99 is under `p99BoundMs` and every answer was right. */
function latencyRow(
  figure: string,
  latency: { p50: number; p99: number },
  p99BoundMs: number,
  allRight: boolean,
): [string, string, string, boolean] {
  return [
    figure,
    `p50 ${latency.p50} / p99 ${latency.p99} ms`,
    `p99 < ${p99BoundMs} ms`,
    latency.p99 < p99BoundMs && allRight,
  ];
}

async function main() {
  const database = `bench_catalogue_${process.pid}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-catalogue-'));
  const csv = path.join(dir, 'products.csv');
  await admin(BASE, `create database ${database}`);
  const port = 47000 + Math.floor(Math.random() * 1000);
  const jobs = { RUN_JOBS: process.argv.includes('--no-jobs') ? 'false' : 'true' };
  const server = await startServer(withDatabase(BASE, database), port, jobs, option('cpu-prof'));
  const pid = server.pid!;
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    const register = new Api(url);
    const backOffice = new Api(url);
    const { token } = await registerBenchTenant((query, variables) => backOffice.call(query, variables));

    const t0 = performance.now();
    const products = await writeCatalogueCsv(csv, PRODUCTS);
    const csvSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    const imported = await phase(pid, () => runImport(csv, url, token));
    console.error(`import: ${imported.seconds} s, ${imported.result}, server peak ${imported.peakRssMiB} MiB`);
    // What autovacuum does after a bulk load (statistics, the GIN indexes' pending lists).
    const standIn = await startAutovacuumStandIn(withDatabase(BASE, database));
    await standIn.stop();
    const maintenance = standIn.describe();

    const sync1000 = await phase(pid, () => fullSync(register, token, 1000));
    const sync5000 = await phase(pid, () => fullSync(register, token, 5000));
    console.error(`full sync: ${sync1000.seconds} s (1,000), ${sync5000.seconds} s (5,000)`);
    const ids = new Map<string, string>();
    for (let after: string | null = null, more = true; more;) {
      const { catalogueChanges: page } = await register.call(OPS.changes, { after, first: 5000 }, token);
      for (const p of page.products) ids.set(p.sku, p.id);
      after = page.cursor;
      more = page.hasMore;
    }
    const delta = await phase(pid, () =>
      deltas(register, backOffice, token, sync5000.result.after!, ids, new Map(products.map((p) => [p.sku, p.name]))),
    );
    const lookup = await phase(pid, () => lookups(register, token, products));
    const search = await phase(pid, () => searches(register, token, products));

    const fullSummary = (s: typeof sync1000) => ({
      seconds: s.seconds,
      pages: s.result.pages,
      products: s.result.products,
      duplicates: s.result.duplicates,
      pageMs: stats(s.result.pageMs),
      serverCpuSeconds: s.serverCpuSeconds,
      peakRssMiB: s.peakRssMiB,
    });
    const report = {
      products: PRODUCTS,
      csvSeconds,
      import: {
        seconds: imported.seconds,
        cli: imported.result,
        serverCpuSeconds: imported.serverCpuSeconds,
        peakRssMiB: imported.peakRssMiB,
      },
      fullSync1000: fullSummary(sync1000),
      fullSync5000: fullSummary(sync5000),
      delta: { ...delta.result, all: undefined, peakRssMiB: delta.peakRssMiB },
      lookups: {
        wrong: lookup.result.wrong,
        barcode: stats(lookup.result.barcode),
        sku: stats(lookup.result.sku),
        peakRssMiB: lookup.peakRssMiB,
      },
      search: {
        ...search.result,
        all: undefined,
        serverCpuSeconds: search.serverCpuSeconds,
        peakRssMiB: search.peakRssMiB,
      },
      peakRssIsSinceStart: imported.peakSinceStart,
      maintenance,
    };
    console.log(JSON.stringify(report, null, 2));

    const deltaAll = stats(delta.result.all);
    const searchAll = stats(search.result.all);
    const peak = Math.max(
      imported.peakRssMiB,
      sync1000.peakRssMiB,
      sync5000.peakRssMiB,
      delta.peakRssMiB,
      lookup.peakRssMiB,
      search.peakRssMiB,
    );
    const rows: Array<[string, string, string, boolean]> = [
      ['import (npm run import:products)', `${imported.seconds} s`, '< 60 s', imported.seconds < 60],
      [
        'full sync, pages of 1,000',
        `${sync1000.seconds} s, ${sync1000.result.pages} pages, exactly once: ${sync1000.result.exactlyOnce}`,
        '< 20 s',
        sync1000.seconds < 20 && sync1000.result.exactlyOnce,
      ],
      [
        'full sync, pages of 5,000',
        `${sync5000.seconds} s, ${sync5000.result.pages} pages, exactly once: ${sync5000.result.exactlyOnce}`,
        '< 20 s',
        sync5000.seconds < 20 && sync5000.result.exactlyOnce,
      ],
      [
        'delta of 100 changes',
        `p50 ${deltaAll.p50} / p99 ${deltaAll.p99} ms, ${delta.result.correctRounds}/${DELTA_ROUNDS} exact`,
        '< 100 ms',
        deltaAll.p99 < 100 && delta.result.correctRounds === DELTA_ROUNDS,
      ],
      latencyRow('barcode lookup', report.lookups.barcode, 5, !lookup.result.wrong),
      latencyRow('sku lookup', report.lookups.sku, 5, !lookup.result.wrong),
      latencyRow('name search, prefix', search.result.prefix, 50, !search.result.wrong),
      latencyRow('name search, substring', search.result.substring, 50, !search.result.wrong),
      ['name search, all', `p99 ${searchAll.p99} ms`, 'p99 < 50 ms', searchAll.p99 < 50 && !search.result.wrong],
      ['server peak RSS (worst phase)', `${peak} MiB`, '< 200 MiB', peak < 200],
    ];
    console.log('\n| figure | measured | target | met |\n|---|---|---|---|');
    for (const [figure, measured, target, met] of rows)
      console.log(`| ${figure} | ${measured} | ${target} | ${met ? 'met' : 'NOT met'} |`);
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
    if (argv.includes('--keep')) console.log(`kept database ${database}`);
    else await admin(BASE, `drop database if exists ${database} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
