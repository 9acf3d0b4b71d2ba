/**
 * Checkout throughput: N registers, each looping the full checkout a register
 * does (createCart, addCartItem x3 by sku, addPayment CASH with change,
 * completeSale) against a real server process on the local PostgreSQL (and
 * Redis when REDIS_URL is set), then a pgbench TPC-B baseline at the same
 * client count on the same PostgreSQL.
 *
 *   npm run bench:checkout -- --registers 8 --seconds 30 [--url http://host:port/graphql] [--no-pgbench] [--cpu-prof DIR] [--webhook] [--one-request] [--worker] [--no-jobs] [--distinct-baskets]
 *
 * --one-request sells the same basket through the one-request `checkout` mutation instead of the six mutations.
 *
 * --webhook subscribes a local receiver to sale.completed and reports whether every sale was delivered.
 *
 * --distinct-baskets gives each register 3 products of its own instead of the same 3 for all, so no two
 * registers lock the same stock rows (what the shared basket's row locks cost: docs/benchmarks.md).
 *
 * --no-jobs enqueues the jobs but works none (no worker anywhere): beside --worker, what working the
 * summaries costs the checkout.
 *
 * --worker runs the jobs (webhook deliveries, summaries) in a separate `node dist/src/worker.js` process
 * beside a server started with RUN_JOBS=false, as a deployment that scales workers apart does, and
 * reports that process's CPU beside the server's.
 *
 * Without --url it starts `node dist/src/main.js` on a fresh database and
 * reports that process's peak RSS (VmHWM), SQL statements per checkout and
 * what the day-summary jobs did (bench/summary-jobs.ts).
 */
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { admin, withDatabase } from '../test/support/test-db';
import { Api, percentile, registerBenchTenant, sqlStatements } from './bench-api';
import { cpuMs, peakRssMiB, startServer, startWorker, stopServer } from './bench-server';
import { startAutovacuumStandIn } from './autovacuum-stand-in';
import { summaryJobReport } from './summary-jobs';
import { CREATE_ENDPOINT, startBenchReceiver } from './webhook-receiver';

interface Options {
  registers: number;
  seconds: number;
  url?: string;
  baseDatabaseUrl: string;
  pgbench: boolean;
  /** Directory for the started server's V8 CPU profile (--cpu-prof). */
  profileDir?: string;
  webhook: boolean;
  oneRequest: boolean;
  worker: boolean;
  /** Each register sells its own 3 products (no stock row shared between registers). */
  distinctBaskets: boolean;
  /** No process works the jobs (they are only enqueued): the baseline of what working them costs. */
  noJobs: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    registers: Number(get('registers') ?? 8),
    seconds: Number(get('seconds') ?? 30),
    url: get('url'),
    baseDatabaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    pgbench: !argv.includes('--no-pgbench'),
    profileDir: get('cpu-prof'),
    webhook: argv.includes('--webhook'),
    oneRequest: argv.includes('--one-request'),
    worker: argv.includes('--worker'),
    distinctBaskets: argv.includes('--distinct-baskets'),
    noJobs: argv.includes('--no-jobs'),
  };
}

const MUTATIONS = ['createCart', 'addCartItem', 'addPayment', 'completeSale', 'oneRequestCheckout'] as const;
type Step = (typeof MUTATIONS)[number];

const OPS = {
  location: `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
  product: `mutation($input: CreateProductInput!) { createProduct(input: $input) { id sku } }`,
  receive: `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`,
  terminal: `mutation($input: CreateTerminalInput!) { createTerminal(input: $input) { id } }`,
  openSession: `mutation($input: OpenSessionInput!) { openSession(input: $input) { id } }`,
  createCart: `mutation($input: CreateCartInput!) { createCart(input: $input) { id version } }`,
  addCartItem: `mutation($input: AddCartItemInput!) { addCartItem(input: $input) { id version totalAmount } }`,
  addPayment: `mutation($input: AddPaymentInput!) { addPayment(input: $input) { changeDue sale { id status } } }`,
  completeSale: `mutation($input: CompleteSaleInput!) { completeSale(input: $input) { id status saleNumber } }`,
  oneRequestCheckout: `mutation($input: CheckoutInput!) { checkout(input: $input) { id status saleNumber } }`,
};

interface Register {
  terminalId: string;
  /** The basket it sells, by sku. */
  skus: string[];
}

interface Shop {
  token: string;
  registers: Register[];
}

/**
 * A tenant, a location, N terminals each with an open session, and the 3 products of the basket with
 * ample stock: the same 3 for every register, or with `distinct` 3 of its own for each.
 */
async function setUp(api: Api, registers: number, distinct: boolean): Promise<Shop> {
  const { token } = await registerBenchTenant((query, variables) => api.call(query, variables));
  const { createLocation } = await api.call(
    OPS.location,
    { input: { name: 'Main', code: 'MAIN', timezone: 'UTC' } },
    token,
  );
  const prices = ['19.99', '4.49', '0.99'];
  const products = [];
  for (let i = 0; i < prices.length * (distinct ? registers : 1); i++) {
    const { createProduct } = await api.call(
      OPS.product,
      {
        input: {
          sku: `SKU-${i + 1}`,
          name: `Product ${i + 1}`,
          price: prices[i % prices.length],
          taxRate: '0.0825',
          costPrice: '1.00',
        },
      },
      token,
    );
    products.push(createProduct);
  }
  await api.call(
    OPS.receive,
    {
      input: {
        locationId: createLocation.id,
        reference: 'bench',
        lines: products.map((p) => ({ productId: p.id, quantity: 1_000_000, unitCost: '1.00' })),
      },
    },
    token,
  );
  const shop: Shop = { token, registers: [] };
  for (let i = 0; i < registers; i++) {
    const { createTerminal } = await api.call(
      OPS.terminal,
      { input: { name: `Register ${i + 1}`, code: `R${i + 1}`, locationId: createLocation.id } },
      token,
    );
    await api.call(OPS.openSession, { input: { terminalId: createTerminal.id, openingBalance: '200.00' } }, token);
    const basket = distinct ? products.slice(i * prices.length, (i + 1) * prices.length) : products;
    shop.registers.push({ terminalId: createTerminal.id, skus: basket.map((p) => p.sku) });
  }
  return shop;
}

/** One full checkout; returns the time of each step and of the whole. */
async function checkout(
  api: Api,
  token: string,
  { terminalId, skus }: Register,
  timings: Record<Step | 'checkout', number[]>,
): Promise<void> {
  const started = performance.now();
  const timed = async <T>(step: Step, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    timings[step].push(performance.now() - t0);
    return result;
  };
  const { createCart } = await timed('createCart', () => api.call(OPS.createCart, { input: { terminalId } }, token));
  let version = createCart.version as number;
  let total = '0';
  for (const sku of skus) {
    const { addCartItem } = await timed('addCartItem', () =>
      api.call(OPS.addCartItem, { input: { cartId: createCart.id, sku, quantity: 1, version } }, token),
    );
    version = addCartItem.version;
    total = addCartItem.totalAmount;
  }
  const received = String(Math.ceil(Number(total) / 10) * 10 + 10); // a round note above the total: change is given
  await timed('addPayment', () =>
    api.call(
      OPS.addPayment,
      { input: { saleId: createCart.id, method: 'CASH', receivedAmount: received, idempotencyKey: randomUUID() } },
      token,
    ),
  );
  const { completeSale } = await timed('completeSale', () =>
    api.call(OPS.completeSale, { input: { saleId: createCart.id, idempotencyKey: randomUUID() } }, token),
  );
  if (completeSale.status !== 'COMPLETED') throw new Error(`sale ${completeSale.id} ended ${completeSale.status}`);
  timings.checkout.push(performance.now() - started);
}

/** The same basket and cash tender in one `checkout` request (the express lane). */
async function oneRequestCheckout(
  api: Api,
  token: string,
  { terminalId, skus }: Register,
  timings: Record<Step | 'checkout', number[]>,
): Promise<void> {
  const started = performance.now();
  const { checkout: sale } = await api.call(
    OPS.oneRequestCheckout,
    {
      input: {
        terminalId,
        items: skus.map((sku) => ({ sku, quantity: 1 })),
        payments: [{ method: 'CASH', receivedAmount: '40' }],
        idempotencyKey: randomUUID(),
      },
    },
    token,
  );
  if (sale.status !== 'COMPLETED') throw new Error(`sale ${sale.id} ended ${sale.status}`);
  const took = performance.now() - started;
  timings.oneRequestCheckout.push(took);
  timings.checkout.push(took);
}

function pgbench(baseUrl: string, clients: number, seconds: number): number {
  const db = `bench_pgbench_${process.pid}`;
  const url = withDatabase(baseUrl, db);
  execFileSync('psql', [
    withDatabase(baseUrl, 'postgres'),
    '-qc',
    `drop database if exists ${db}`,
    '-c',
    `create database ${db}`,
  ]);
  try {
    execFileSync('pgbench', ['-i', '-q', '-s', String(Math.max(clients, 1)), url], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), url]).toString();
    return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
  } finally {
    execFileSync('psql', [withDatabase(baseUrl, 'postgres'), '-qc', `drop database if exists ${db}`]);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let server: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let database: string | undefined;
  let databaseUrl: string | undefined;
  let url = options.url;
  if (!url) {
    database = `bench_checkout_${process.pid}`;
    await admin(options.baseDatabaseUrl, `drop database if exists ${database}`);
    await admin(options.baseDatabaseUrl, `create database ${database}`);
    const port = 45000 + Math.floor(Math.random() * 1000);
    // SQL_STATS: the server counts its statements at /debug/sql-statements.
    databaseUrl = withDatabase(options.baseDatabaseUrl, database);
    const env = { SQL_STATS: '1', WEBHOOK_ALLOW_PRIVATE: 'true' };
    server = await startServer(
      databaseUrl,
      port,
      { ...env, RUN_JOBS: options.worker || options.noJobs ? 'false' : 'true' },
      options.profileDir,
    );
    if (options.worker) worker = await startWorker(databaseUrl, env, options.profileDir);
    url = `http://127.0.0.1:${port}/graphql`;
  }
  const api = new Api(url);
  try {
    const shop = await setUp(api, options.registers, options.distinctBaskets);
    const receiver = options.webhook ? await startBenchReceiver() : undefined;
    if (receiver)
      await api.call(CREATE_ENDPOINT, { input: { url: receiver.url, events: ['sale.completed'] } }, shop.token);
    const timings = Object.fromEntries(['checkout', ...MUTATIONS].map((k) => [k, []])) as unknown as Record<
      Step | 'checkout',
      number[]
    >;
    const sell = options.oneRequest ? oneRequestCheckout : checkout;

    // One checkout alone, to count its SQL statements exactly (warm-up too).
    let perCheckout: number | undefined;
    if (server) {
      await sell(api, shop.token, shop.registers[0], timings);
      const before = await sqlStatements(api.url);
      await sell(api, shop.token, shop.registers[0], timings);
      perCheckout = (await sqlStatements(api.url)) - before;
    }
    for (const list of Object.values(timings)) list.length = 0;

    // Statistics as a production database has them (autovacuum-stand-in.ts); only on the bench's own database.
    const standIn = databaseUrl ? await startAutovacuumStandIn(databaseUrl, 10) : undefined;
    const failures: string[] = [];
    const deadline = performance.now() + options.seconds * 1000;
    const runStarted = performance.now();
    const runStartedAt = new Date();
    const serverCpuBefore = server ? cpuMs(server.pid!) : 0;
    const workerCpuBefore = worker ? cpuMs(worker.pid!) : 0;
    await Promise.all(
      shop.registers.map(async (register) => {
        while (performance.now() < deadline) {
          try {
            await sell(api, shop.token, register, timings);
          } catch (error) {
            failures.push(String((error as Error).message));
          }
        }
      }),
    );
    const elapsed = (performance.now() - runStarted) / 1000;
    const runEnded = new Date();
    await standIn?.stop();
    const completed = timings.checkout.length;
    const serverCpu = server ? cpuMs(server.pid!) - serverCpuBefore : undefined;
    const webhook = receiver ? await receiver.drained(completed + (server ? 2 : 0)) : undefined;
    // Read after the drain: the worker's CPU includes delivering every event of the run.
    const workerCpu = worker ? cpuMs(worker.pid!) - workerCpuBefore : undefined;
    const result = {
      flow: options.oneRequest ? 'one-request checkout' : 'six mutations',
      jobs: options.noJobs ? 'not worked' : options.worker ? 'separate worker process' : 'in the server process',
      baskets: options.distinctBaskets ? 'a basket of its own per register' : 'the same basket at every register',
      registers: options.registers,
      seconds: Number(elapsed.toFixed(1)),
      completedSales: completed,
      salesPerSecond: Number((completed / elapsed).toFixed(1)),
      failures: failures.length,
      firstFailures: [...new Set(failures)].slice(0, 5),
      latencyMs: Object.fromEntries(
        (['checkout', ...MUTATIONS] as const)
          .filter((k) => timings[k].length)
          .map((k) => [
            k,
            {
              p50: Number(percentile(timings[k], 50).toFixed(1)),
              p95: Number(percentile(timings[k], 95).toFixed(1)),
              p99: Number(percentile(timings[k], 99).toFixed(1)),
            },
          ]),
      ),
      maintenance: standIn?.describe(),
      sqlStatementsPerCheckout: perCheckout,
      serverCpuMsPerCheckout: serverCpu !== undefined ? Number((serverCpu / completed).toFixed(1)) : undefined,
      serverCpuCores: serverCpu !== undefined ? Number((serverCpu / 1000 / elapsed).toFixed(2)) : undefined,
      serverPeakRssMiB: server ? Number(peakRssMiB(server.pid!).toFixed(1)) : undefined,
      workerCpuMsPerCheckout: workerCpu !== undefined ? Number((workerCpu / completed).toFixed(1)) : undefined,
      workerPeakRssMiB: worker ? Number(peakRssMiB(worker.pid!).toFixed(1)) : undefined,
      webhook,
      summaryJobs:
        databaseUrl && !options.noJobs ? await summaryJobReport(databaseUrl, runStartedAt, runEnded) : undefined,
      pgbenchTps: undefined as number | undefined,
      salesPerPgbenchTps: undefined as number | undefined,
    };
    if (options.pgbench) {
      result.pgbenchTps = pgbench(options.baseDatabaseUrl, options.registers, Math.min(options.seconds, 30));
      result.salesPerPgbenchTps = Number((result.salesPerSecond / result.pgbenchTps).toFixed(3));
    }
    await receiver?.close();
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(path.resolve(__dirname, 'results'), { recursive: true });
    const file = options.oneRequest ? 'checkout-one-request-latest.json' : 'checkout-latest.json';
    writeFileSync(path.resolve(__dirname, 'results', file), JSON.stringify(result, null, 2));
  } finally {
    if (worker) await stopServer(worker);
    if (server) await stopServer(server);
    if (database) await admin(options.baseDatabaseUrl, `drop database if exists ${database} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
