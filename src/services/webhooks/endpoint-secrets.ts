import type { WebhookEndpoint } from '../../entities';
import { isSealed, SecretCipher } from '../core/secret-cipher';

type StoredSecrets = Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>;

/**
 * The secrets that sign now, opened: the current one, and the previous one
 * until its overlap ends. A stored value without the cipher's prefix was
 * written before secrets were sealed (or by a previous version during a
 * rolling deploy) and is used as it is until `sealPlaintextSecrets` seals it.
 * Throws when a sealed value does not open (another key, another tenant's row).
 */
export function signingSecrets(cipher: SecretCipher, tenantId: string, endpoint: StoredSecrets, now: Date): string[] {
  const previousValid =
    endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  const stored = previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
  return stored.map((value) => (isSealed(value) ? cipher.open(tenantId, value) : value));
}
