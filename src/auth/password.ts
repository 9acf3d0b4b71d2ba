import { hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's minimum memory cost (19 MiB): memory-hard, a few ms per hash. */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, OPTIONS);
}

export async function verifySecret(hashed: string, secret: string): Promise<boolean> {
  try {
    return await verify(hashed, secret);
  } catch {
    return false;
  }
}
