import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { TestApp } from '../support/test-app';

export const CREATE_ENDPOINT = /* GraphQL */ `
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
        events
        isActive
        description
      }
    }
  }
`;
export const UPDATE_ENDPOINT = /* GraphQL */ `
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      id
      url
      events
      isActive
      disabledReason
    }
  }
`;
export const ROTATE_SECRET = /* GraphQL */ `
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      endpoint {
        id
        previousSecretExpiresAt
      }
    }
  }
`;
export const DELETE_ENDPOINT = /* GraphQL */ `
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`;
export const ENDPOINTS = /* GraphQL */ `
  query WebhookEndpoints {
    webhookEndpoints {
      id
      url
      events
      isActive
    }
  }
`;
export const DELIVERIES = /* GraphQL */ `
  query WebhookDeliveries($endpointId: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
    webhookDeliveries(endpointId: $endpointId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          eventId
          eventType
          status
          nextAttemptAt
          attempts {
            statusCode
            durationMs
            responseExcerpt
          }
        }
      }
    }
  }
`;
export const REDELIVER = /* GraphQL */ `
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      status
    }
  }
`;

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 standing in for a remote system: records
 * every POST and answers with the status `respond` returns for it (200 by
 * default), after `delayMs` if set.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const state = {
    respond: (_r: Received, _n: number) => 200 as number,
    delayMs: (_r: Received) => 0,
    /** Resolves when the request may be answered (after delayMs): lets a test hold answers until others arrive. */
    hold: (_r: Received): Promise<void> => Promise.resolve(),
    headers: (_r: Received): Record<string, string> => ({}),
    body: (_r: Received, status: number) => `answer ${status}`,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(entry);
      const status = state.respond(entry, received.filter((r) => r.path === entry.path).length);
      void state
        .hold(entry)
        .then(() =>
          setTimeout(
            () =>
              res
                .writeHead(status, { 'content-type': 'text/plain', ...state.headers(entry) })
                .end(state.body(entry, status)),
            state.delayMs(entry),
          ),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    state,
    url: (p: string) => `${base}${p}`,
    at: (p: string) => received.filter((r) => r.path === p),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The verification recipe exactly as docs/webhooks.md prints it, run as a receiver would. */
export function documentedVerifier(): (rawBody: string, header: string, secret: string) => boolean {
  const doc = readFileSync(path.join(__dirname, '../../docs/webhooks.md'), 'utf8');
  const block = doc.split('## Verifying a signature')[1]?.match(/```js\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('docs/webhooks.md has no verification recipe');
  const sandbox = { require, Buffer, module: { exports: {} as any } };
  vm.runInNewContext(block, sandbox);
  return sandbox.module.exports.verifyPosSignature;
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${seconds}s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function createEndpoint(t: TestApp, token: string, url: string, events: string[] = ['*']) {
  const data = await t.ok(CREATE_ENDPOINT, { input: { url, events } }, token);
  return data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
