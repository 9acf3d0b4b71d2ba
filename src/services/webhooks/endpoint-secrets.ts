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
  return stored.map((value) => openSecret(cipher, tenantId, value));
}

/** A stored secret in plain text: sealed ones opened, legacy plaintext as it is; throws when it does not open. */
export function openSecret(cipher: SecretCipher, tenantId: string, stored: string): string {
  return isSealed(stored) ? cipher.open(tenantId, stored) : stored;
}

/** Whether a stored secret can sign at all. */
export function opens(cipher: SecretCipher, tenantId: string, stored: string): boolean {
  try {
    openSecret(cipher, tenantId, stored);
    return true;
  } catch {
    return false;
  }
}
