import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for the parts of the Square API the Square Terminal
 * adapter uses, with Square's documented JSON shapes (snake_case bodies,
 * `idempotency_key` in the body, `{ errors: [{ category, code, detail }] }`
 * refusals): Terminal checkouts (create, get, cancel, search), Payments (get,
 * complete, cancel) and Refunds. Its terminal settles a checkout when it is
 * next read: amounts whose last two minor-unit digits are 05 are given up by
 * the buyer (CANCELED, BUYER_CANCELED); `terminalHangs` keeps it PENDING.
 * It starts with one paired device (`deviceId`); `addDevice` pairs more.
 */
export interface FakeSquare {
  url: string;
  accessToken: string;
  deviceId: string;
  /** Pairs another Terminal device with the location and returns its id. */
  addDevice(): string;
  /** The device of each request that named one, in order (`operation`: create / search). */
  readerUses: Array<{ operation: 'create' | 'search'; readerId: string | null }>;
  locationId: string;
  calls: Array<{ method: string; path: string; body: any }>;
  checkouts: Map<string, Record<string, any>>;
  payments: Map<string, Record<string, any>>;
  terminalHangs: boolean;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

export async function startFakeSquare(): Promise<FakeSquare> {
  const accessToken = `EAAA${randomBytes(16).toString('hex')}`;
  const devices = new Set<string>();
  const addDevice = () => {
    const id = `device:${randomBytes(6).toString('hex')}`;
    devices.add(id);
    return id;
  };
  const deviceId = addDevice();
  const readerUses: FakeSquare['readerUses'] = [];
  const locationId = `L${randomBytes(6).toString('hex').toUpperCase()}`;
  const checkouts = new Map<string, Record<string, any>>();
  const payments = new Map<string, Record<string, any>>();
  const refunds = new Map<string, Record<string, any>>();
  const idempotent = new Map<string, { body: string; reply: Reply }>();
  const calls: FakeSquare['calls'] = [];
  const now = () => new Date().toISOString();
  const error = (status: number, category: string, code: string, detail: string): Reply => ({
    status,
    body: { errors: [{ category, code, detail }] },
  });
  const notFound = (what: string) => error(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', `${what} not found`);
  const fake: FakeSquare = {
    url: '',
    accessToken,
    deviceId,
    addDevice,
    readerUses,
    locationId,
    calls,
    checkouts,
    payments,
    terminalHangs: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function settle(checkout: Record<string, any>): void {
    if (checkout.status !== 'PENDING' || fake.terminalHangs) return;
    if (checkout.amount_money.amount % 100 === 5) {
      Object.assign(checkout, { status: 'CANCELED', cancel_reason: 'BUYER_CANCELED', updated_at: now() });
      return;
    }
    const payment = {
      id: randomBytes(12).toString('base64url'),
      status: 'APPROVED',
      amount_money: { ...checkout.amount_money },
      total_money: { ...checkout.amount_money },
      refunded_money: { amount: 0, currency: checkout.amount_money.currency },
      source_type: 'CARD',
      card_details: { status: 'AUTHORIZED', card: { card_brand: 'VISA', last_4: '1111' }, entry_method: 'CONTACTLESS' },
      location_id: locationId,
      reference_id: checkout.reference_id,
      delay_action: 'CANCEL',
      created_at: now(),
      updated_at: now(),
    };
    payments.set(payment.id, payment);
    Object.assign(checkout, { status: 'COMPLETED', payment_ids: [payment.id], updated_at: now() });
  }

  function route(method: string, path: string, body: any): Reply {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v2/terminals/checkouts') {
      const checkout = {
        ...body.checkout,
        id: randomBytes(10).toString('hex'),
        status: 'PENDING',
        location_id: locationId,
        payment_type: 'CARD_PRESENT',
        created_at: now(),
        updated_at: now(),
      };
      readerUses.push({ operation: 'create', readerId: checkout.device_options?.device_id ?? null });
      if (!devices.has(checkout.device_options?.device_id)) {
        return error(400, 'INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'device_id is not a paired device');
      }
      checkouts.set(checkout.id, checkout);
      return { status: 200, body: { checkout } };
    }
    if (method === 'POST' && path === '/v2/terminals/checkouts/search') {
      const filter = body.query?.filter ?? {};
      readerUses.push({ operation: 'search', readerId: filter.device_id ?? null });
      const found = [...checkouts.values()].filter(
        (c) =>
          (!filter.device_id || c.device_options.device_id === filter.device_id) &&
          (!filter.created_at?.start_at || c.created_at >= filter.created_at.start_at),
      );
      return { status: 200, body: { checkouts: found } };
    }
    if ((m = /^\/v2\/terminals\/checkouts\/([^/]+)(\/cancel)?$/.exec(path))) {
      const checkout = checkouts.get(m[1]);
      if (!checkout) return notFound('checkout');
      if (method === 'GET') {
        settle(checkout);
        return { status: 200, body: { checkout } };
      }
      if (checkout.status !== 'PENDING') return error(400, 'INVALID_REQUEST_ERROR', 'BAD_REQUEST', 'not pending');
      Object.assign(checkout, { status: 'CANCELED', cancel_reason: 'SELLER_CANCELED', updated_at: now() });
      return { status: 200, body: { checkout } };
    }
    if ((m = /^\/v2\/payments\/([^/]+)(\/(complete|cancel))?$/.exec(path))) {
      const payment = payments.get(m[1]);
      if (!payment) return notFound('payment');
      if (method === 'GET') return { status: 200, body: { payment } };
      if (payment.status !== 'APPROVED')
        return error(400, 'INVALID_REQUEST_ERROR', 'BAD_REQUEST', `payment is ${payment.status}`);
      payment.status = m[3] === 'complete' ? 'COMPLETED' : 'CANCELED';
      payment.card_details.status = m[3] === 'complete' ? 'CAPTURED' : 'VOIDED';
      return { status: 200, body: { payment } };
    }
    if (method === 'POST' && path === '/v2/refunds') {
      const payment = payments.get(body.payment_id);
      if (!payment) return notFound('payment');
      if (payment.status !== 'COMPLETED') return error(400, 'INVALID_REQUEST_ERROR', 'BAD_REQUEST', 'not completed');
      const left = payment.amount_money.amount - payment.refunded_money.amount;
      if (body.amount_money.amount > left) {
        return error(400, 'INVALID_REQUEST_ERROR', 'REFUND_AMOUNT_INVALID', 'more than is left to refund');
      }
      payment.refunded_money.amount += body.amount_money.amount;
      const refund = {
        id: `${payment.id}_${randomUUID().slice(0, 8)}`,
        status: 'PENDING',
        amount_money: body.amount_money,
        payment_id: payment.id,
        location_id: locationId,
        created_at: now(),
      };
      refunds.set(refund.id, refund);
      return { status: 200, body: { refund } };
    }
    return notFound(`${method} ${path}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://fake');
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = text ? JSON.parse(text) : {};
    calls.push({ method: req.method!, path: url.pathname, body });
    let reply: Reply;
    const key = body.idempotency_key as string | undefined;
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      reply = error(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.');
    } else if (key && idempotent.has(`${url.pathname}|${key}`)) {
      const first = idempotent.get(`${url.pathname}|${key}`)!;
      reply =
        first.body === text ? first.reply : error(400, 'INVALID_REQUEST_ERROR', 'IDEMPOTENCY_KEY_REUSED', 'key reused');
    } else {
      reply = route(req.method!, url.pathname, body);
      if (key) idempotent.set(`${url.pathname}|${key}`, { body: text, reply });
    }
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
