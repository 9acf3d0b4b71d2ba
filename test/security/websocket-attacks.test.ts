import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { deviceToken } from '../display/support';
import { setupPos, PosFixture } from '../support/pos-fixtures';
import { TestApp } from '../support/test-app';
import { ProductionServer, removeBuild, startProductionServer } from './production-server';

/**
 * The WebSocket side of issue 13 against the server as production runs it:
 * a DISPLAY token flooding one socket with `subscribe` messages, oversized
 * messages, too many sockets for one token, and operations over the limits.
 */
let server: ProductionServer;
let pos: PosFixture;
let display: string;

beforeAll(async () => {
  server = await startProductionServer({ ALLOW_TENANT_REGISTRATION: 'true', WS_MAX_CONNECTIONS_PER_TOKEN: '3' });
  pos = await setupPos(server as unknown as TestApp);
  display = await deviceToken(server as unknown as TestApp, pos.ownerToken, pos.terminalId, 'DISPLAY');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  removeBuild();
});

const CART_UPDATED =
  'subscription($terminalId: ID!) { cartUpdated(terminalId: $terminalId) { cartId event totalAmount } }';

interface RawSocket {
  ws: WebSocket;
  messages: Array<{ id?: string; type: string; payload?: any }>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: object): void;
}

/** A graphql-transport-ws socket driven by hand, acknowledged (or closed) before it resolves. */
async function connect(token: string): Promise<RawSocket> {
  const ws = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: RawSocket['messages'] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const acked = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      messages.push(message);
      if (message.type === 'connection_ack') resolve();
    });
    void closed.then(() => resolve());
  });
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await acked;
  return { ws, messages, closed, send: (message) => ws.send(JSON.stringify(message)) };
}

function subscribe(
  socket: RawSocket,
  id: string,
  query = CART_UPDATED,
  variables: Record<string, unknown> = { terminalId: pos.terminalId },
) {
  socket.send({ id, type: 'subscribe', payload: { query, variables } });
}

async function until<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function logMemory(what: string): void {
  const { rssKb, peakRssKb } = server.memory();
  console.log(`${what}: server RSS ${Math.round(rssKb / 1024)} MB, peak ${Math.round(peakRssKb / 1024)} MB`);
}

it('closes a socket that sends 5,000 subscribe messages with a DISPLAY token (4429), and stays up', async () => {
  logMemory('before the subscribe flood');
  const socket = await connect(display);
  expect(socket.messages.map((m) => m.type)).toEqual(['connection_ack']);
  for (let i = 0; i < 5000; i++) subscribe(socket, `s${i}`);
  const { code, reason } = await socket.closed;
  expect(code).toBe(4429);
  expect(reason).toBe('Too many subscriptions on this connection');
  logMemory('after the 5,000-subscribe flood');
  expect(await server.healthy()).toBe(true);

  // A display keeps its 20: the limit is per socket, and an honest one still hears its terminal.
  const honest = await connect(display);
  for (let i = 0; i < 20; i++) subscribe(honest, `h${i}`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(honest.ws.readyState).toBe(WebSocket.OPEN);
  expect(honest.messages.filter((m) => m.type === 'error')).toEqual([]);
  honest.ws.close();
  await honest.closed;
});

it('closes a socket whose message is larger than WS_MAX_PAYLOAD_BYTES (1009)', async () => {
  const socket = await connect(display);
  subscribe(socket, 'big', CART_UPDATED, { terminalId: pos.terminalId, padding: 'x'.repeat(100 * 1024) });
  expect((await socket.closed).code).toBe(1009);
  expect(await server.healthy()).toBe(true);
});

it('refuses more sockets per token than WS_MAX_CONNECTIONS_PER_TOKEN (4429), and frees the slot when one closes', async () => {
  const sockets = [await connect(display), await connect(display), await connect(display)];
  const fourth = await connect(display);
  expect(await fourth.closed).toEqual({ code: 4429, reason: 'Too many connections for this token' });
  sockets[0].ws.close();
  await sockets[0].closed;
  const again = await connect(display);
  expect(again.messages.map((m) => m.type)).toEqual(['connection_ack']);
  for (const socket of [again, sockets[1], sockets[2]]) socket.ws.close();
  await Promise.all([again.closed, sockets[1].closed, sockets[2].closed]);
});

it('refuses an operation over the limits with QUERY_TOO_COMPLEX and a NUL byte with BAD_USER_INPUT, keeping the socket', async () => {
  const socket = await connect(pos.cashier.token);
  const aliases = Array.from({ length: 31 }, (_, i) => `c${i}: cartUpdated(terminalId: $terminalId) { cartId }`).join(
    ' ',
  );
  subscribe(socket, 'aliases', `subscription($terminalId: ID!) { ${aliases} }`);
  subscribe(
    socket,
    'tokens',
    `subscription($terminalId: ID!) { cartUpdated(terminalId: $terminalId) { ${'cartId '.repeat(2100)} } }`,
  );
  subscribe(socket, 'nul', CART_UPDATED, { terminalId: `${randomUUID()}\u0000` });
  const errorOf = (id: string) => until(() => socket.messages.find((m) => m.id === id && m.type === 'error')?.payload);
  expect((await errorOf('aliases'))[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  expect((await errorOf('tokens'))[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  expect((await errorOf('nul'))[0].extensions.code).toBe('BAD_USER_INPUT');
  subscribe(socket, 'introspection', '{ __schema { types { name } } }');
  expect((await errorOf('introspection'))[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(socket.ws.readyState).toBe(WebSocket.OPEN);
  socket.ws.close();
  await socket.closed;
  expect(await server.healthy()).toBe(true);
});
