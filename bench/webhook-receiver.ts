/**
 * The checkout bench's --webhook option: a local HTTP receiver subscribed to
 * sale.completed, counting distinct event ids, so the run can show every
 * completed sale was delivered and how far behind the deliveries ran.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export async function startBenchReceiver() {
  const events = new Map<string, number>();
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts++;
      const id = String(req.headers['pos-event-id']);
      if (!events.has(id)) events.set(id, Date.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sales`;
  return {
    url,
    /** Waits (up to `seconds`) until `expected` distinct events have arrived. */
    async drained(expected: number, seconds = 120) {
      const started = Date.now();
      while (events.size < expected && Date.now() - started < seconds * 1000)
        await new Promise((r) => setTimeout(r, 200));
      return {
        delivered: events.size,
        posts,
        expected,
        drainSecondsAfterRun: Number(((Date.now() - started) / 1000).toFixed(1)),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const CREATE_ENDPOINT = /* GraphQL */ `
  mutation ($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
    }
  }
`;
