import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM for the tenants' gateway secrets at rest. The key comes from
 * the environment (GATEWAY_ENCRYPTION_KEY, 32 bytes as base64 or hex), never
 * from the database, so a copy of the database alone does not reveal a key.
 * Each value gets a fresh 12-byte IV; the tenant id is the additional
 * authenticated data, so a ciphertext moved to another tenant's row fails to
 * decrypt instead of lending that tenant the credentials.
 */
export class CredentialCipher {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = decodeKey(key);
  }

  encrypt(tenantId: string, plain: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(tenantId));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(tenantId: string, sealed: string): Record<string, string> {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || !body) throw new Error('unrecognised credential ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(tenantId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  }
}

function decodeKey(key: string): Buffer {
  const bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  if (bytes.length !== 32) throw new Error('GATEWAY_ENCRYPTION_KEY must be 32 bytes (base64 or 64 hex digits)');
  return bytes;
}
