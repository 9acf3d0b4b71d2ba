import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { guardedLookup, isPublicAddress } from './url-guard';
import type { WebhookConfig } from './webhook-config';

/** How much of a response body an attempt keeps. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface PostResult {
  /** null when no response came (timeout, refused connection, SSRF guard). */
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string;
}

// Kept-alive connections: a busy endpoint is not paid a TLS handshake per event.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * One POST with node:http(s): redirects are never followed (a 3xx is just a
 * failed attempt), the whole exchange is bounded by `timeoutMs`
 * (AbortSignal), only the first RESPONSE_EXCERPT_BYTES of the answer are
 * read, and the connection goes only to public addresses unless allowPrivate.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  config: Pick<WebhookConfig, 'timeoutMs' | 'allowPrivate' | 'requireHttps'>,
): Promise<PostResult> {
  const started = performance.now();
  const target = new URL(url);
  const done = (statusCode: number | null, excerpt: string): PostResult => ({
    statusCode,
    durationMs: Math.round(performance.now() - started),
    responseExcerpt: excerpt.slice(0, RESPONSE_EXCERPT_BYTES),
  });
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (!config.allowPrivate && ipaddr.isValid(literal) && !isPublicAddress(literal))
    return Promise.resolve(done(null, `refused: ${literal} is not a public address`));
  const signal = AbortSignal.timeout(config.timeoutMs);
  const send = (): Promise<PostResult> =>
    new Promise((resolve) => {
      const request = (target.protocol === 'https:' ? https : http).request(
        target,
        {
          method: 'POST',
          agent: agents[target.protocol as 'http:' | 'https:'],
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          lookup: guardedLookup(config),
          signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          response.on('end', () => resolve(done(response.statusCode ?? null, Buffer.concat(chunks).toString('utf8'))));
          response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the receiver closed while it sat idle fails at once
        // with ECONNRESET before the request reached anyone: send again on a new
        // connection instead of recording a failed attempt (Node's documented
        // `reusedSocket` pattern).
        if (request.reusedSocket && error.code === 'ECONNRESET') return resolve(send());
        resolve(done(null, error.name === 'TimeoutError' || error.name === 'AbortError' ? 'timeout' : error.message));
      });
      request.end(body);
    });
  return send();
}
