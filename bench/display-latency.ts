/**
 * Customer-display fan-out latency across server instances: two server
 * processes (`node dist/src/main.js`) on one fresh database and one Redis,
 * N display subscribers (graphql-ws, DISPLAY token) connected to server B,
 * cart changes (addCartItem) sent to server A one at a time.
 *
 *   npm run bench:display -- [--subscribers 200] [--changes 100] [--cpu-prof DIR (server B)]
 *
 * Measured per change and subscriber, first from the mutation's commit on
 * server A (the event's `committedAt`, stamped right after COMMIT) until
 * that subscriber's `cartUpdated` event arrives from server B: the fan-out
 * (publish, Redis, B resolving and writing to every socket). Both servers and
 * this client run on one host, so they read one wall clock; the client's
 * receipt time has sub-millisecond resolution, `committedAt` millisecond
 * resolution (truncated: a figure is at most 1 ms too high). Then from the
 * moment the client sends the mutation, i.e. what a customer sees between
 * the cashier's scan and the screen, and the mutation's own round trip.
 * Needs REDIS_URL
 * (default redis://127.0.0.1:6379) and DATABASE_URL (a server to create the
 * bench database on; default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { admin, withDatabase } from '../test/support/test-db';
import { registerBenchTenant } from './bench-api';
import { startServer, stopServer } from './bench-server';

interface Options {
  subscribers: number;
  changes: number;
  baseDatabaseUrl: string;
  redisUrl: string;
  /** Directory for server B's V8 CPU profile (--cpu-prof). */
  profileDir?: string;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    subscribers: Number(get('subscribers') ?? 200),
    changes: Number(get('changes') ?? 100),
    baseDatabaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    profileDir: get('cpu-prof'),
  };
}

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

const OPS = {
  location: `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }`,
  product: `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
  receive: `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`,
  terminal: `mutation($input: CreateTerminalInput!) { createTerminal(input: $input) { id } }`,
  openSession: `mutation($input: OpenSessionInput!) { openSession(input: $input) { id } }`,
  token: `mutation($input: IssueDeviceTokenInput!) { issueDeviceToken(input: $input) { token } }`,
  createCart: `mutation($input: CreateCartInput!) { createCart(input: $input) { id version } }`,
  addCartItem: `mutation($input: AddCartItemInput!) { addCartItem(input: $input) { version totalAmount } }`,
  cartUpdated: `subscription($terminalId: ID!) { cartUpdated(terminalId: $terminalId) { cartId version totalAmount committedAt } }`,
};

/** A production server on `port` (jobs off), checked to be on Redis: displays on B hear changes made on A. */
async function startDisplayServer(
  name: string,
  port: number,
  env: { DATABASE_URL: string; REDIS_URL: string },
  profileDir?: string,
): Promise<ChildProcess> {
  const child = await startServer(env.DATABASE_URL, port, { REDIS_URL: env.REDIS_URL, RUN_JOBS: 'false' }, profileDir);
  // The Redis connections come up beside the HTTP listener: give them a few seconds.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      pubsub?: string;
      pubsubKind?: string;
    };
    if (health.pubsubKind === 'redis' && health.pubsub === 'up') break;
    if (Date.now() > deadline) {
      await stopServer(child);
      throw new Error(`server ${name} is not on Redis (${health.pubsubKind}: ${health.pubsub})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

const wallClock = () => performance.timeOrigin + performance.now();

interface CartEventFields {
  version: number;
  committedAt: string;
}

/**
 * One customer display: a WebSocket speaking graphql-ws's protocol
 * (graphql-transport-ws) by hand, so that all it does when an event arrives is
 * note the time and keep the text. The bench's 200 displays share one client
 * thread; a full client's per-message work (parsing, validation, callbacks)
 * would queue behind each other there and be counted as latency, which 200
 * real screens, each with its own CPU, do not have.
 */
class Display {
  readonly arrivals: Array<{ at: number; text: string }> = [];
  private readonly socket: WebSocket;

  constructor(
    url: string,
    authorization: string,
    subscription: { query: string; variables: Record<string, unknown> },
    onArrival: () => void,
  ) {
    this.socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket.on('open', () =>
      this.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })),
    );
    this.socket.on('message', (data) => {
      const at = wallClock();
      const text = data.toString();
      if (text.includes('"type":"next"')) {
        this.arrivals.push({ at, text });
        onArrival();
        return;
      }
      const message = JSON.parse(text) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        this.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: subscription }));
      } else if (message.type === 'ping') {
        this.socket.send(JSON.stringify({ type: 'pong' }));
      } else {
        console.error('display got', text);
      }
    });
    this.socket.on('error', (error) => console.error('display socket error', error));
  }

  close(): void {
    this.socket.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1);
  return `p50 ${f(percentile(sorted, 50))} ms, p90 ${f(percentile(sorted, 90))} ms, p99 ${f(percentile(sorted, 99))} ms, max ${f(sorted[sorted.length - 1])} ms (n=${sorted.length})`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const database = `pos_bench_display_${randomBytes(4).toString('hex')}`;
  await admin(options.baseDatabaseUrl, `create database ${database}`);
  const env = { DATABASE_URL: withDatabase(options.baseDatabaseUrl, database), REDIS_URL: options.redisUrl };
  const servers: ChildProcess[] = [];
  const displays: Display[] = [];
  try {
    // A migrates the fresh database; B starts on it afterwards.
    servers.push(await startDisplayServer('A', 4711, env));
    servers.push(await startDisplayServer('B', 4712, env, options.profileDir));
    const a = 'http://127.0.0.1:4711/graphql';
    const b = 'ws://127.0.0.1:4712/graphql';

    const { token } = await registerBenchTenant((query, variables) => call(a, query, variables));
    const { createLocation } = await call(
      a,
      OPS.location,
      { input: { name: 'Main', code: 'MAIN', timezone: 'UTC' } },
      token,
    );
    const { createProduct } = await call(
      a,
      OPS.product,
      { input: { sku: 'SKU-1', name: 'Product', price: '1.99', taxRate: '0.0825' } },
      token,
    );
    await call(
      a,
      OPS.receive,
      {
        input: {
          locationId: createLocation.id,
          lines: [{ productId: createProduct.id, quantity: 1_000_000, unitCost: '1.00' }],
        },
      },
      token,
    );
    const { createTerminal } = await call(
      a,
      OPS.terminal,
      { input: { name: 'Register', code: 'R1', locationId: createLocation.id } },
      token,
    );
    const terminalId = createTerminal.id as string;
    await call(a, OPS.openSession, { input: { terminalId, openingBalance: '200.00' } }, token);
    const { issueDeviceToken } = await call(a, OPS.token, { input: { terminalId, kind: 'DISPLAY' } }, token);

    // N displays on server B, each noting when each event arrived (wall clock, sub-millisecond).
    const arrived = new Set<() => void>();
    let arrivals = 0;
    const onArrival = () => {
      // Only once every display may have it: checking 200 counts on each arrival would cost more than the arrivals.
      if (++arrivals % displays.length === 0) for (const check of arrived) check();
    };
    for (let i = 0; i < options.subscribers; i++) {
      displays.push(
        new Display(
          b,
          `Bearer ${issueDeviceToken.token}`,
          { query: OPS.cartUpdated, variables: { terminalId } },
          onArrival,
        ),
      );
    }
    // Woken by arrivals (no polling: the client must not take CPU from the servers while it waits).
    const everyDisplayHas = (count: number, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (displays.some((d) => d.arrivals.length < count)) return;
          arrived.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          arrived.delete(check);
          const ready = displays.filter((d) => d.arrivals.length >= count).length;
          reject(new Error(`${ready}/${displays.length} displays heard event ${count}`));
        }, timeoutMs);
        arrived.add(check);
        check();
      });

    const { createCart } = await call(a, OPS.createCart, { input: { terminalId } }, token);
    const change = () =>
      call(a, OPS.addCartItem, { input: { cartId: createCart.id, productId: createProduct.id, quantity: 1 } }, token);
    // Warm-up: change until every subscriber is registered and has heard one, then start counting afresh.
    for (let attempt = 0; ; attempt++) {
      await change();
      try {
        await everyDisplayHas(1, 1000);
        break;
      } catch (error) {
        if (attempt > 30) throw error;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const display of displays) display.arrivals.length = 0;
    arrivals = 0;

    const fromCommit: number[] = [];
    const endToEnd: number[] = [];
    const roundTrips: number[] = [];
    for (let i = 0; i < options.changes; i++) {
      const sent = wallClock();
      const { addCartItem } = await change();
      roundTrips.push(wallClock() - sent);
      await everyDisplayHas(i + 1);
      for (const display of displays) {
        const { at, text } = display.arrivals[i];
        const event = (JSON.parse(text) as { payload: { data: { cartUpdated: CartEventFields } } }).payload.data
          .cartUpdated;
        if (event.version !== addCartItem.version)
          throw new Error(`expected version ${addCartItem.version}, got ${event.version}`);
        fromCommit.push(at - Date.parse(event.committedAt));
        endToEnd.push(at - sent);
      }
      await new Promise((r) => setTimeout(r, 10));
    }

    console.log(
      `display fan-out: ${options.subscribers} subscribers on server B, ${options.changes} cart changes through server A, one Redis`,
    );
    console.log(`  commit on A -> event received on B (per subscriber): ${summary(fromCommit)}`);
    console.log(`  mutation sent -> event received (per subscriber): ${summary(endToEnd)}`);
    console.log(`  mutation round trip on A (for comparison):        ${summary(roundTrips)}`);
  } finally {
    for (const display of displays) display.close();
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
    await admin(options.baseDatabaseUrl, `drop database if exists ${database} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
