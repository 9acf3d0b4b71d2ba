import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { isSealed, SecretCipher } from '../../src/services/core/secret-cipher';

describe('SecretCipher (AES-256-GCM, tenant-bound)', () => {
  const cipher = new SecretCipher(randomBytes(32).toString('base64'));
  const tenant = randomUUID();
  const secret = 'whsec_abc123xyz789';

  it('round-trips, with a fresh IV each time and no plain text in the ciphertext', () => {
    const a = cipher.seal(tenant, secret);
    const b = cipher.seal(tenant, secret);
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(isSealed(secret)).toBe(false);
    expect(a).not.toContain('abc123');
    expect(Buffer.from(a.split(':')[3], 'base64').toString('latin1')).not.toContain('whsec');
    expect(cipher.open(tenant, a)).toBe(secret);
  });

  it("refuses another tenant's row, a tampered ciphertext, a plain value and another key", () => {
    const sealed = cipher.seal(tenant, secret);
    expect(() => cipher.open(randomUUID(), sealed)).toThrow();
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 1;
    expect(() => cipher.open(tenant, [...parts.slice(0, 3), body.toString('base64')].join(':'))).toThrow();
    expect(() => cipher.open(tenant, secret)).toThrow('unrecognised');
    expect(() => new SecretCipher(randomBytes(32).toString('hex')).open(tenant, sealed)).toThrow();
  });

  it('opens gateway credentials sealed by the CredentialCipher it replaced (same format)', () => {
    // Written by CredentialCipher.encrypt(tenant, { apiKey, webhookSecret }) before the move to core/.
    const old = new SecretCipher(Buffer.alloc(32, 7).toString('base64'));
    const stored =
      'v1:nVqXOQN65wWPk56D:KceMb8ErGWr3YaVEsYkW/g==:pH677jvwSXdoB9VUBtB0JynMNFviMZmfBviqDIYjYbioDWt+iVi+TbUHMzLyYDhuOlShUbLGZRqoZQ==';
    expect(JSON.parse(old.open('6f1c2b3a-0000-4000-8000-000000000001', stored))).toEqual({
      apiKey: 'sk_test_vector',
      webhookSecret: 'whsec_vector',
    });
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretCipher(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });

  it('takes its key from SECRETS_ENCRYPTION_KEY, or GATEWAY_ENCRYPTION_KEY (its earlier name), never two different ones', () => {
    const key = randomBytes(32).toString('base64');
    const other = randomBytes(32).toString('base64');
    const config = (env: Record<string, string>) => loadConfig({ JWT_SECRET: 'x', ...env }).secretsEncryptionKey;
    expect(config({ SECRETS_ENCRYPTION_KEY: key })).toBe(key);
    expect(config({ GATEWAY_ENCRYPTION_KEY: key })).toBe(key);
    expect(config({ SECRETS_ENCRYPTION_KEY: key, GATEWAY_ENCRYPTION_KEY: key })).toBe(key);
    expect(() => config({ SECRETS_ENCRYPTION_KEY: key, GATEWAY_ENCRYPTION_KEY: other })).toThrow('differ');
  });
});
