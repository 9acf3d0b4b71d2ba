import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for the parts of the Stripe API the Stripe Terminal
 * adapter uses, with Stripe's documented shapes: form-encoded requests, the
 * Idempotency-Key header, PaymentIntent / Reader / Refund objects and
 * `{ error: { type, code, decline_code, message } }` refusals. Its reader
 * settles on the next read; the amount's last two minor-unit digits pick the
 * outcome (05 generic_decline, 55 incorrect_pin, anything else approved), a
 * convention of this fake modelled on Stripe's test amounts for simulated
 * readers; `readerHangs` keeps it waiting for a card forever. It starts
 * with one reader (`readerId`); `addReader` registers more, one per register.
 */
export interface FakeStripe {
  url: string;
  apiKey: string;
  readerId: string;
  /** Registers another reader on the account and returns its id. */
  addReader(): string;
  /** The reader of each request that went to one, in order (`operation`: process / retrieve). */
  readerUses: Array<{ operation: 'process' | 'retrieve'; readerId: string }>;
  /** Every request, in order: method, path, its Idempotency-Key and its parameters. */
  calls: Array<{ method: string; path: string; idempotencyKey?: string; params: Record<string, string> }>;
  intents: Map<string, Record<string, any>>;
  readerHangs: boolean;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

const DECLINES: Record<string, { code: string; decline_code: string }> = {
  '05': { code: 'card_declined', decline_code: 'generic_decline' },
  '55': { code: 'incorrect_pin', decline_code: 'incorrect_pin' },
};

export async function startFakeStripe(): Promise<FakeStripe> {
  const apiKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const intents = new Map<string, Record<string, any>>();
  const refunds = new Map<string, Record<string, any>>();
  const idempotent = new Map<string, { params: string; reply: Reply }>();
  const readers = new Map<string, Record<string, any>>();
  const addReader = () => {
    const readerId = `tmr_${randomBytes(8).toString('hex')}`;
    readers.set(readerId, { id: readerId, object: 'terminal.reader', device_type: 'bbpos_wisepos_e', action: null });
    return readerId;
  };
  const readerId = addReader();
  const readerUses: FakeStripe['readerUses'] = [];
  const calls: FakeStripe['calls'] = [];
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
  const error = (status: number, type: string, code: string, message: string, extra = {}): Reply => ({
    status,
    body: { error: { type, code, message, ...extra } },
  });

  const fake: FakeStripe = {
    url: '',
    apiKey,
    readerId,
    addReader,
    readerUses,
    calls,
    intents,
    readerHangs: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** The reader finishes the action it was given (unless the customer never taps). */
  function settleReader(reader: Record<string, any>): void {
    const action = reader.action;
    if (!action || action.status !== 'in_progress' || fake.readerHangs) return;
    const intent = intents.get(action.process_payment_intent.payment_intent)!;
    const decline = DECLINES[String(intent.amount % 100).padStart(2, '0')];
    if (decline) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', ...decline, message: 'Your card was declined.' };
      Object.assign(action, {
        status: 'failed',
        failure_code: decline.code,
        failure_message: 'Your card was declined.',
      });
    } else {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
      intent.latest_charge = id('ch');
      Object.assign(action, { status: 'succeeded' });
    }
  }

  function route(method: string, path: string, params: Record<string, string>): Reply {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') {
      const intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: Number(params.amount),
        amount_capturable: 0,
        amount_received: 0,
        currency: params.currency,
        capture_method: params.capture_method ?? 'automatic_async',
        allowed_payment_method_types: [params['allowed_payment_method_types[0]']],
        status: 'requires_payment_method',
        latest_charge: null,
        last_payment_error: null,
        metadata: metadataOf(params),
        livemode: false,
      };
      intents.set(intent.id, intent);
      return { status: 200, body: intent };
    }
    if (method === 'GET' && path === '/v1/payment_intents/search') {
      const wanted = /^metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'$/.exec(params.query ?? '');
      if (!wanted) return error(400, 'invalid_request_error', 'parameter_invalid_string_blank', 'bad query');
      const value = wanted[2].replace(/\\(.)/g, '$1');
      const data = [...intents.values()].filter((pi) => pi.metadata[wanted[1]] === value);
      return { status: 200, body: { object: 'search_result', data, has_more: false, next_page: null, url: path } };
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)(\/(capture|cancel))?$/.exec(path))) {
      const intent = intents.get(m[1]);
      if (!intent) return error(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${m[1]}'`);
      if (method === 'GET') return { status: 200, body: intent };
      if (m[3] === 'capture') {
        if (intent.status !== 'requires_capture') {
          return error(400, 'invalid_request_error', 'payment_intent_unexpected_state', `status is ${intent.status}`);
        }
        const amount = Number(params.amount_to_capture ?? intent.amount_capturable);
        if (amount > intent.amount_capturable)
          return error(400, 'invalid_request_error', 'amount_too_large', 'too much');
        Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
        return { status: 200, body: intent };
      }
      if (m[3] === 'cancel') {
        if (intent.status === 'succeeded' || intent.status === 'canceled') {
          return error(400, 'invalid_request_error', 'payment_intent_unexpected_state', `status is ${intent.status}`);
        }
        for (const reader of readers.values()) {
          if (reader.action?.process_payment_intent?.payment_intent === intent.id) reader.action = null;
        }
        Object.assign(intent, {
          status: 'canceled',
          cancellation_reason: 'requested_by_customer',
          amount_capturable: 0,
        });
        return { status: 200, body: intent };
      }
    }
    if (method === 'POST' && (m = /^\/v1\/terminal\/readers\/([^/]+)\/process_payment_intent$/.exec(path))) {
      readerUses.push({ operation: 'process', readerId: m[1] });
      const reader = readers.get(m[1]);
      if (!reader) return error(404, 'invalid_request_error', 'resource_missing', `No such reader: '${m[1]}'`);
      const intent = intents.get(params.payment_intent);
      if (!intent) return error(404, 'invalid_request_error', 'resource_missing', 'No such payment_intent');
      if (reader.action?.status === 'in_progress') {
        return error(400, 'invalid_request_error', 'terminal_reader_busy', 'Reader is currently busy');
      }
      reader.action = {
        type: 'process_payment_intent',
        status: 'in_progress',
        failure_code: null,
        failure_message: null,
        process_payment_intent: { payment_intent: intent.id },
      };
      return { status: 200, body: { ...reader, action: { ...reader.action } } };
    }
    if (method === 'GET' && (m = /^\/v1\/terminal\/readers\/([^/]+)$/.exec(path))) {
      readerUses.push({ operation: 'retrieve', readerId: m[1] });
      const reader = readers.get(m[1]);
      if (!reader) return error(404, 'invalid_request_error', 'resource_missing', `No such reader: '${m[1]}'`);
      settleReader(reader);
      return { status: 200, body: reader };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(params.payment_intent);
      if (!intent) return error(404, 'invalid_request_error', 'resource_missing', 'No such payment_intent');
      if (intent.status !== 'succeeded')
        return error(400, 'invalid_request_error', 'charge_not_refundable', 'not captured');
      const refunded = [...refunds.values()]
        .filter((r) => r.payment_intent === intent.id)
        .reduce((s, r) => s + r.amount, 0);
      const amount = params.amount ? Number(params.amount) : intent.amount_received - refunded;
      if (amount <= 0 || refunded + amount > intent.amount_received) {
        return error(400, 'invalid_request_error', 'charge_already_refunded', 'refund exceeds the charge');
      }
      const refund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: intent.currency,
        payment_intent: intent.id,
        charge: intent.latest_charge,
        status: 'succeeded',
        metadata: metadataOf(params),
      };
      refunds.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    return error(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL (${method}: ${path})`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://fake');
    let text = '';
    for await (const chunk of req) text += chunk;
    const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : text));
    const key = req.headers['idempotency-key'] as string | undefined;
    calls.push({ method: req.method!, path: url.pathname, idempotencyKey: key, params });
    let reply: Reply;
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      reply = error(401, 'invalid_request_error', 'api_key_invalid', 'Invalid API Key provided');
    } else if (key && req.method === 'POST' && idempotent.has(`${url.pathname}|${key}`)) {
      const first = idempotent.get(`${url.pathname}|${key}`)!;
      reply =
        first.params === text
          ? first.reply
          : error(
              400,
              'idempotency_error',
              'idempotency_key_in_use',
              'Keys for idempotent requests can only be used with the same parameters',
            );
    } else {
      reply = route(req.method!, url.pathname, params);
      if (key && req.method === 'POST') idempotent.set(`${url.pathname}|${key}`, { params: text, reply });
    }
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'request-id': `req_${randomBytes(6).toString('hex')}`,
    });
    res.end(JSON.stringify(reply.body));
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function metadataOf(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([k]) => k.startsWith('metadata['))
      .map(([k, v]) => [k.slice('metadata['.length, -1), v]),
  );
}
