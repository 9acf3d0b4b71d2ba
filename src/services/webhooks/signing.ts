import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret: 32 random bytes, prefixed so a leaked one is recognisable in logs and scanners. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** hex HMAC-SHA256(secret, "<t>.<raw body>"). */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The POS-Signature header: `t=<unix seconds>,v1=<hex>`, one `v1` per secret
 * that still signs (two while a rotation overlaps: the new one first).
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}
