import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What every sealed value starts with: a value without it was stored before sealing. */
export const SEALED_PREFIX = 'v1:';

/**
 * AES-256-GCM for the secrets kept at rest: the tenants' gateway credentials
 * and webhook signing secrets. The key comes from the environment
 * (SECRETS_ENCRYPTION_KEY, 32 bytes as base64 or hex), never from the
 * database, so a copy of the database alone does not reveal a secret. Each
 * value gets a fresh 12-byte IV; the tenant id is the additional
 * authenticated data, so a ciphertext moved to another tenant's row fails to
 * open instead of lending that tenant the secret.
 *
 * Format `v1:<iv>:<tag>:<ciphertext>` (base64 parts), unchanged since the
 * gateway credentials were first sealed.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = decodeKey(key);
  }

  seal(tenantId: string, plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(tenantId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${[iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join(':')}`;
  }

  /** Throws on another tenant's value, a tampered one or another key. */
  open(tenantId: string, sealed: string): string {
    const [iv, tag, body, extra] = isSealed(sealed) ? sealed.slice(SEALED_PREFIX.length).split(':') : [];
    if (!iv || !tag || !body || extra !== undefined) throw new Error('unrecognised secret ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(tenantId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

function decodeKey(key: string): Buffer {
  const bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error('SECRETS_ENCRYPTION_KEY must be 32 bytes (base64 or 64 hex digits)');
  return bytes;
}
