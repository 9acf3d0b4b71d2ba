import { lookup, LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { badInput } from '../../errors';
import type { WebhookConfig } from './webhook-config';

type Guard = Pick<WebhookConfig, 'allowPrivate' | 'requireHttps'>;

const lookupAll = promisify(lookup);

/** Only globally routable unicast addresses: loopback, private, link-local (cloud metadata), CGNAT, reserved... are refused. */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';
}

/** Why `url` is not a deliverable endpoint URL (syntax and scheme only), or null. */
export function urlProblem(url: string, guard: Guard): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an https URL';
  if (parsed.protocol === 'http:' && guard.requireHttps) return 'must be an https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  return null;
}

/**
 * Resolves the URL's host and refuses it when any of its addresses is not
 * public (unless allowPrivate). Checked when an endpoint is saved; delivery
 * checks again on the address it connects to (guardedLookup).
 */
export async function assertDeliverableUrl(url: string, guard: Guard, field = 'url'): Promise<void> {
  const problem = urlProblem(url, guard);
  if (problem) throw badInput(field, problem);
  if (guard.allowPrivate) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = ipaddr.isValid(host) ? [{ address: host, family: 0 }] : await lookupAll(host, { all: true });
  } catch {
    throw badInput(field, `the host ${host} does not resolve`);
  }
  if (!addresses.length || addresses.some((a) => !isPublicAddress(a.address)))
    throw badInput(field, `the host ${host} resolves to a private, loopback or link-local address`);
}

/**
 * A `lookup` for http(s).request that refuses non-public addresses at
 * connection time, so a DNS answer that changed since the endpoint was saved
 * (DNS rebinding) cannot reach an internal address.
 */
export function guardedLookup(guard: Guard): typeof lookup {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dns.lookup's overloads, passed through
  const guarded = (hostname: string, options: any, callback: any) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const usable = guard.allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (!usable.length || usable.length !== addresses.length)
        return callback(new Error(`refused: ${hostname} resolves to a non-public address`));
      if (options?.all) return callback(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
  return guarded as typeof lookup;
}
