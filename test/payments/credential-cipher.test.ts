import { randomBytes, randomUUID } from 'node:crypto';
import { CredentialCipher } from '../../src/services/sales/payments/credential-cipher';

describe('CredentialCipher (AES-256-GCM, tenant-bound)', () => {
  const cipher = new CredentialCipher(randomBytes(32).toString('base64'));
  const tenant = randomUUID();
  const secrets = { apiKey: 'sk_test_abc123', webhookSecret: 'whsec_xyz789' };

  it('round-trips, with a fresh IV each time and no plain text in the ciphertext', () => {
    const a = cipher.encrypt(tenant, secrets);
    const b = cipher.encrypt(tenant, secrets);
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk_test_abc123');
    expect(Buffer.from(a.split(':')[3], 'base64').toString('latin1')).not.toContain('sk_test');
    expect(cipher.decrypt(tenant, a)).toEqual(secrets);
  });

  it("refuses another tenant's row, a tampered ciphertext and another key", () => {
    const sealed = cipher.encrypt(tenant, secrets);
    expect(() => cipher.decrypt(randomUUID(), sealed)).toThrow();
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3], 'base64');
    body[0] ^= 1;
    expect(() => cipher.decrypt(tenant, [...parts.slice(0, 3), body.toString('base64')].join(':'))).toThrow();
    expect(() => new CredentialCipher(randomBytes(32).toString('hex')).decrypt(tenant, sealed)).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => new CredentialCipher(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
