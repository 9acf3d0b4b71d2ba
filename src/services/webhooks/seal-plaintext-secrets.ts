import type { EntityManager } from '@mikro-orm/postgresql';
import { isSealed, SEALED_PREFIX, SecretCipher } from '../core/secret-cipher';
import { query } from '../core/sql';
import { PLAINTEXT_SECRETS, STORE_SEALED_SECRETS } from './webhooks.sql';

interface StoredSecrets {
  id: string;
  tenant_id: string;
  secret: string;
  previous_secret: string | null;
}

/**
 * Seals the endpoint secrets still stored in plain text (written before
 * secrets were sealed, or by a previous version during a rolling deploy).
 * Run by the server at start, after the migrations: a migration cannot, it
 * has no key. Each row is updated only if unchanged since it was read, so
 * servers starting together or a rotation in between do no harm. Returns
 * how many rows it sealed.
 */
export async function sealPlaintextSecrets(em: EntityManager, cipher: SecretCipher): Promise<number> {
  const rows = await query<StoredSecrets>(em, PLAINTEXT_SECRETS, { prefix: SEALED_PREFIX });
  let sealed = 0;
  for (const row of rows) {
    const seal = (value: string) => (isSealed(value) ? value : cipher.seal(row.tenant_id, value));
    const updated = await query(em, STORE_SEALED_SECRETS, {
      id: row.id,
      tenant: row.tenant_id,
      secret: row.secret,
      previousSecret: row.previous_secret,
      sealed: seal(row.secret),
      sealedPrevious: row.previous_secret === null ? null : seal(row.previous_secret),
    });
    sealed += updated.length;
  }
  return sealed;
}
