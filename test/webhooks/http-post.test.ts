import { createServer, Socket } from 'node:net';
import { postWebhook } from '../../src/services/webhooks/http-post';
import { nextAttemptAt } from '../../src/services/webhooks/retry-schedule';
import { signatureHeader } from '../../src/services/webhooks/signing';
import { documentedVerifier, Receiver, startReceiver } from './support';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const guarded = { timeoutMs: 2000, allowPrivate: false, requireHttps: false };
const open = { ...guarded, allowPrivate: true };

describe('postWebhook (the delivery attempt)', () => {
  it('refuses a host name that resolves to loopback at connection time (DNS rebinding), sending nothing', async () => {
    const url = receiver.url('/rebind').replace('127.0.0.1', 'localhost');
    const result = await postWebhook(url, {}, '{}', guarded);
    expect(result.statusCode).toBeNull();
    expect(result.responseExcerpt).toContain('refused');
    expect(receiver.at('/rebind')).toHaveLength(0);
  });

  it('refuses a private IP literal without connecting', async () => {
    const result = await postWebhook(receiver.url('/literal'), {}, '{}', guarded);
    expect(result).toMatchObject({ statusCode: null, responseExcerpt: 'refused: 127.0.0.1 is not a public address' });
    expect(receiver.at('/literal')).toHaveLength(0);
  });

  it('does not follow redirects: a 302 is the answer', async () => {
    receiver.state.respond = (r) => (r.path === '/moved' ? 302 : 200);
    receiver.state.headers = (r): Record<string, string> =>
      r.path === '/moved' ? { location: receiver.url('/target') } : {};
    const result = await postWebhook(receiver.url('/moved'), {}, '{"a":1}', open);
    expect(result.statusCode).toBe(302);
    expect(receiver.at('/moved')).toHaveLength(1);
    expect(receiver.at('/target')).toHaveLength(0);
    receiver.state.respond = () => 200;
    receiver.state.headers = () => ({});
  });

  it('gives up after the timeout and says so', async () => {
    receiver.state.delayMs = (r) => (r.path === '/slow' ? 1500 : 0);
    const result = await postWebhook(receiver.url('/slow'), {}, '{}', { ...open, timeoutMs: 200 });
    expect(result.statusCode).toBeNull();
    expect(result.responseExcerpt).toBe('timeout');
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
    receiver.state.delayMs = () => 0;
  });

  it('sends again on a new connection when the receiver closed the kept-alive one as it was reused', async () => {
    // The race made certain: the first request on a connection is answered and
    // kept alive; a second request arriving on it is met with a closed socket,
    // as when the receiver's idle timeout fires just as we send.
    const requestsPerConnection: number[] = [];
    const sockets: Socket[] = [];
    const server = createServer((socket: Socket) => {
      sockets.push(socket);
      const index = requestsPerConnection.push(0) - 1;
      socket.on('data', () => {
        requestsPerConnection[index] += 1;
        if (requestsPerConnection[index] > 1) return socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    try {
      const first = await postWebhook(url, {}, '{}', open);
      const second = await postWebhook(url, {}, '{}', open);
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      // The second request was refused on the reused connection and answered on a new one.
      expect(requestsPerConnection).toEqual([2, 1]);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends the body and headers, and keeps at most 1 KiB of the answer', async () => {
    receiver.state.body = (r, status) => (r.path === '/long' ? 'x'.repeat(5000) : `answer ${status}`);
    const result = await postWebhook(receiver.url('/long'), { 'POS-Event-Id': 'e1' }, '{"a":1}', open);
    expect(result).toMatchObject({ statusCode: 200, responseExcerpt: 'x'.repeat(1024) });
    expect(receiver.at('/long')[0].headers['pos-event-id']).toBe('e1');
    expect(receiver.at('/long')[0].body).toBe('{"a":1}');
  });
});

describe('retry schedule', () => {
  const schedule = { retryBaseSeconds: 10, maxRetryDelaySeconds: 6 * 3600, retryForSeconds: 3 * 24 * 3600 };
  const first = new Date('2026-12-01T00:00:00Z');
  const mid = () => 0.5; // no jitter

  it('doubles from the base, capped, and stops after 3 days', () => {
    const delays = [1, 2, 3, 4, 13, 14].map(
      (n) => (nextAttemptAt(schedule, first, n, first, mid)!.getTime() - first.getTime()) / 1000,
    );
    expect(delays).toEqual([10, 20, 40, 80, 21600, 21600]);
    const late = new Date(first.getTime() + (72 * 3600 - 60) * 1000);
    expect(nextAttemptAt(schedule, first, 20, late, mid)).toBeNull();
  });

  it('jitters by at most 20 %', () => {
    const low = nextAttemptAt(schedule, first, 3, first, () => 0)!.getTime() - first.getTime();
    const high = nextAttemptAt(schedule, first, 3, first, () => 0.999999)!.getTime() - first.getTime();
    expect(low).toBe(32_000);
    expect(Math.round(high / 1000)).toBe(48);
  });
});

describe('signatures', () => {
  it('verify with the documented recipe for each secret while rotating, and not after 5 minutes', () => {
    const verify = documentedVerifier();
    const now = Math.floor(Date.now() / 1000);
    const header = signatureHeader(['new-secret', 'old-secret'], now, '{"id":"e"}');
    expect(verify('{"id":"e"}', header, 'new-secret')).toBe(true);
    expect(verify('{"id":"e"}', header, 'old-secret')).toBe(true);
    expect(verify('{"id":"e"}', header, 'other')).toBe(false);
    const stale = signatureHeader(['new-secret'], now - 301, '{"id":"e"}');
    expect(verify('{"id":"e"}', stale, 'new-secret')).toBe(false);
  });
});
