import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/sql';

/** A device token is usable while it is not revoked and its terminal is active (checked on every request). */
export async function deviceTokenUsable(em: EntityManager, tenant: string, token: string): Promise<boolean> {
  const rows = await query(
    em,
    `select 1 from device_tokens d join pos_terminals t on t.id = d.terminal_id and t.tenant_id = d.tenant_id
     where d.id = :token and d.tenant_id = :tenant and d.revoked_at is null and t.is_active`,
    { token, tenant },
  );
  return rows.length > 0;
}
