import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../entities/enums';
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

/** The tenant's active owners, locked in id order (concurrent demotions queue, never both pass). */
export function lockActiveOwners(em: EntityManager, tenant: string): Promise<Array<{ id: string }>> {
  return query(
    em,
    `select id from users where tenant_id = :tenant and is_active and :owner = any(roles) order by id for update`,
    {
      tenant,
      owner: Role.OWNER,
    },
  );
}

/** A tenant by its slug (the command-line tools name tenants so). */
export async function tenantIdBySlug(em: EntityManager, slug: string) {
  const [tenant] = await query<{ id: string }>(em, 'select id from tenants where slug = :slug', {
    slug,
  });
  return tenant;
}
