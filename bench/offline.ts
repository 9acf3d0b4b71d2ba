/**
 * npm run bench:offline -- [--registers 8] [--sales 2000] [--batch 50] [--pgbench] [--cpu-prof DIR]
 * Each register replays `sales` offline sales in batches of `batch` (in order, its own numbers), all
 * registers at once; then every batch again. Prints accepted sales/s of the first pass, the second
 * pass's statuses (all must be DUPLICATE), whether each register's numbers are gapless, the server's
 * peak RSS, the statements it sent per batch in each pass and, with --pgbench, pgbench's TPS at the
 * same client count; --cpu-prof writes the server's V8 CPU profile to DIR. Figures: docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { admin, withDatabase } from '../test/support/test-db';
import { registerBenchTenant, sqlStatements } from './bench-api';
import { startAutovacuumStandIn } from './autovacuum-stand-in';
import { peakRssMiB, startServer, stopServer } from './bench-server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REGISTERS = arg('registers', 8);
const SALES = arg('sales', 2000);
const BATCH = arg('batch', 50);
const PROFILE_DIR = process.argv.includes('--cpu-prof')
  ? process.argv[process.argv.indexOf('--cpu-prof') + 1]
  : undefined;
const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function call(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

const SUBMIT = `mutation($input: SubmitOfflineSalesInput!) { submitOfflineSales(input: $input) { status code sale { saleNumber } } }`;

async function setUp(url: string) {
  const { token, ownerId } = await registerBenchTenant((query, variables) => call(url, query, variables));
  const { createLocation } = await call(
    url,
    `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
    { input: { name: 'Main', code: 'MAIN', timezone: 'UTC' } },
    token,
  );
  const { createProduct } = await call(
    url,
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { input: { sku: 'A', name: 'A', price: '19.99', taxRate: '0.0825' } },
    token,
  );
  const registers = [];
  for (let i = 0; i < REGISTERS; i++) {
    const { createTerminal } = await call(
      url,
      `mutation($input: CreateTerminalInput!) { createTerminal(input: $input) { id } }`,
      { input: { name: `R${i}`, code: `R${i + 1}`, locationId: createLocation.id } },
      token,
    );
    const { openSession } = await call(
      url,
      `mutation($input: OpenSessionInput!) { openSession(input: $input) { id } }`,
      { input: { terminalId: createTerminal.id, openingBalance: '200.00' } },
      token,
    );
    registers.push({ terminalId: createTerminal.id as string, sessionId: openSession.id as string });
  }
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const batches = registers.map((r) => {
    const sales = Array.from({ length: SALES }, (_, i) => ({
      clientId: randomUUID(),
      saleNumber: i + 1,
      sessionId: r.sessionId,
      cashierId: ownerId,
      createdAt: at,
      completedAt: at,
      items: [{ productId: createProduct.id, quantity: 1, unitPrice: '19.99' }],
      payments: [{ method: 'CASH', amount: '21.64', receivedAmount: '25.00' }],
      totalAmount: '21.64',
    }));
    return Array.from({ length: Math.ceil(SALES / BATCH) }, (_, b) => sales.slice(b * BATCH, (b + 1) * BATCH));
  });
  return { token, registers, batches };
}

async function pass(url: string, token: string, shop: Awaited<ReturnType<typeof setUp>>) {
  const counts: Record<string, number> = {};
  const numbers: string[][] = shop.registers.map(() => []);
  const started = performance.now();
  await Promise.all(
    shop.registers.map(async (r, i) => {
      for (const sales of shop.batches[i]) {
        const results = (await call(url, SUBMIT, { input: { terminalId: r.terminalId, sales } }, token))
          .submitOfflineSales;
        for (const result of results) {
          counts[result.status] = (counts[result.status] ?? 0) + 1;
          if (result.sale) numbers[i].push(result.sale.saleNumber);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const gapless = numbers.every(
    (list, i) => list.every((n, k) => n === `R${i + 1}-${String(k + 1).padStart(6, '0')}`) && list.length === SALES,
  );
  return {
    seconds: Number(seconds.toFixed(1)),
    counts,
    salesPerSecond: Number(((counts.ACCEPTED ?? 0) / seconds).toFixed(1)),
    gapless,
  };
}

async function main() {
  const database = `bench_offline_${process.pid}`;
  await admin(BASE, `create database ${database}`);
  const port = 46000 + Math.floor(Math.random() * 1000);
  // SQL_STATS: the server counts its statements at /debug/sql-statements.
  const env = { RUN_JOBS: 'false', SQL_STATS: '1' };
  const server = await startServer(withDatabase(BASE, database), port, env, PROFILE_DIR);
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    const shop = await setUp(url);
    // Statistics as a production database has them (autovacuum-stand-in.ts).
    const standIn = await startAutovacuumStandIn(withDatabase(BASE, database), 10);
    const before = await sqlStatements(url);
    const first = await pass(url, shop.token, shop);
    const between = await sqlStatements(url);
    const second = await pass(url, shop.token, shop);
    const batches = REGISTERS * Math.ceil(SALES / BATCH);
    const statementsPerBatch = {
      first: Number(((between - before) / batches).toFixed(1)),
      second: Number((((await sqlStatements(url)) - between) / batches).toFixed(1)),
    };
    await standIn.stop();
    const rss = peakRssMiB(server.pid!);
    let pgbenchTps: number | undefined;
    if (process.argv.includes('--pgbench')) {
      const db = `bench_pgbench_${process.pid}`;
      const pg = withDatabase(BASE, db);
      await admin(BASE, `create database ${db}`);
      execFileSync('pgbench', ['-i', '-q', '-s', String(REGISTERS), pg], { stdio: 'ignore' });
      pgbenchTps = Number(
        /tps = ([\d.]+)/.exec(
          execFileSync('pgbench', ['-c', String(REGISTERS), '-j', '2', '-T', '15', pg]).toString(),
        )?.[1],
      );
      await admin(BASE, `drop database ${db} with (force)`);
    }
    console.log(
      JSON.stringify(
        {
          registers: REGISTERS,
          salesPerRegister: SALES,
          batch: BATCH,
          first,
          second,
          statementsPerBatch,
          maintenance: standIn.describe(),
          serverPeakRssMiB: Number(rss.toFixed(1)),
          pgbenchTps,
        },
        null,
        2,
      ),
    );
  } finally {
    await stopServer(server);
    await admin(BASE, `drop database if exists ${database} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
