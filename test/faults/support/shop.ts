import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ADD_PAYMENT, COMPLETE_SALE } from '../../checkout/checkout-support';
import { addRegister, ADD_CART_ITEM, CREATE_CART, PosFixture, Register, setupPos } from '../../support/pos-fixtures';
import type { GraphQLResponse, TestApp } from '../../support/test-app';

/**
 * The shop a fault test runs: the test helpers' TestApp surface (gql, ok,
 * sql) over plain HTTP and a pg client, against a server in another process.
 * Requests carry a 10 s timeout: a request the fault leaves hanging counts as
 * an error answer instead of stalling the test.
 */
export function remoteShop(url: string, databaseUrl: string): TestApp & { end(): Promise<void> } {
  // A pool (of one) rather than a client: after a test restarts PostgreSQL it connects again.
  const db = new Pool({ connectionString: databaseUrl, max: 1 });
  db.on('error', () => {});
  const gql = async (
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<any>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as GraphQLResponse<any> & { status?: number };
    return Object.assign(body, { httpStatus: res.status });
  };
  const ok = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const res = await gql(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as any;
  };
  const sql = async (text: string, values: unknown[] = []) => {
    let n = 0;
    return (
      await db.query(
        text.replace(/\?/g, () => `$${++n}`),
        values,
      )
    ).rows;
  };
  const shop = { url, databaseUrl, gql, ok, sql, end: () => db.end() };
  return shop as unknown as TestApp & { end(): Promise<void> };
}

export interface Shop {
  fx: PosFixture;
  registers: Register[];
}

/** A tenant with one product in deep stock and `count` registers with open sessions. */
export async function openShop(t: TestApp, count: number): Promise<Shop> {
  const fx = await setupPos(t, { products: [{ sku: 'TEA', price: '2.50', stock: 100_000 }] });
  const registers: Register[] = [fx];
  while (registers.length < count) registers.push(await addRegister(t, fx.ownerToken, fx.locationId));
  return { fx, registers };
}

/** One mutation a register sent: when, how long, and its error code if it failed. */
export interface Call {
  register: number;
  step: string;
  startedAt: number;
  ms: number;
  error?: string;
  retryable?: boolean;
  httpStatus?: number;
}

export interface SaleRun {
  cartId: string;
  completedAt?: number;
}

/**
 * Checkout on every register at once, sale after sale, until `stop()`:
 * create the cart (client id), add one TEA, pay cash, complete. Every
 * mutation carries its client id or idempotency key, and a step that fails
 * with a retryable code is sent again as is (what a well-behaved register
 * does); any other error abandons the sale.
 */
export function checkoutLoop(t: TestApp, shop: Shop) {
  const calls: Call[] = [];
  const sales: SaleRun[] = [];
  let running = true;
  const token = shop.fx.cashier.token;

  async function step(register: number, name: string, query: string, input: Record<string, unknown>) {
    for (;;) {
      const startedAt = Date.now();
      let res: GraphQLResponse & { httpStatus?: number };
      try {
        res = await t.gql(query, { input }, token);
      } catch (error) {
        res = { errors: [{ message: String(error), extensions: { code: 'NETWORK' } }] };
      }
      const error = res.errors?.[0];
      const call: Call = { register, step: name, startedAt, ms: Date.now() - startedAt, httpStatus: res.httpStatus };
      if (error)
        Object.assign(call, {
          error: error.extensions?.code ?? error.message,
          retryable: error.extensions?.retryable === true,
        });
      calls.push(call);
      if (!error) return true;
      if (!call.retryable && call.error !== 'NETWORK') return false;
      if (!running) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function register(index: number) {
    const { terminalId } = shop.registers[index];
    while (running) {
      const run: SaleRun = { cartId: randomUUID() };
      sales.push(run);
      const done =
        (await step(index, 'createCart', CREATE_CART, { id: run.cartId, terminalId })) &&
        (await step(index, 'addCartItem', ADD_CART_ITEM, {
          cartId: run.cartId,
          productId: shop.fx.products.TEA.id,
          quantity: 1,
        })) &&
        (await step(index, 'addPayment', ADD_PAYMENT, {
          saleId: run.cartId,
          method: 'CASH',
          receivedAmount: '5.00',
          idempotencyKey: `pay-${run.cartId}`,
        })) &&
        (await step(index, 'completeSale', COMPLETE_SALE, {
          saleId: run.cartId,
          idempotencyKey: `complete-${run.cartId}`,
        }));
      if (done) run.completedAt = Date.now();
    }
  }

  const loops = shop.registers.map((_r, i) => register(i));
  return {
    calls,
    sales,
    /** Completed sales in [from, to). */
    completedBetween: (from: number, to: number) =>
      sales.filter((s) => s.completedAt && s.completedAt >= from && s.completedAt < to).length,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
