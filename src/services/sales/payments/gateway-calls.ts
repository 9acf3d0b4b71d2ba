import { GatewayCallOptions } from './payment-gateway';

/**
 * Deadline of each acquirer call made inside a checkout transaction: the
 * transaction (and the idempotency lock) stays open that long at most.
 */
export const GATEWAY_CALL: GatewayCallOptions = { timeoutMs: 5_000 };

/**
 * The acquirer's idempotency key for one call made on behalf of a client
 * request (docs/payments.md): `<operation>:<client key>`, so a retry of the
 * request (or of its transaction after a deadlock) repeats the same call.
 */
export function gatewayKey(operation: string, clientKey: string): string {
  return `${operation}:${clientKey}`;
}

/** What a card or wallet reference may be stored and printed as: its last 4 characters. */
export function lastFour(reference: string | null | undefined): string | null {
  return reference ? reference.slice(-4) : null;
}
