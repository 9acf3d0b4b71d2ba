import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/sql';

/** The statements of the hardware command feed (hardware-command.service.ts). */

/** Ids of the terminal's PENDING commands, oldest first. */
export async function pendingCommandIds(em: EntityManager, tenant: string, terminal: string): Promise<string[]> {
  const rows = await query<{ id: string }>(
    em,
    `select id from hardware_commands where tenant_id = :tenant and terminal_id = :terminal and status = 'PENDING'
     order by created_at, id`,
    { tenant, terminal },
  );
  return rows.map((row) => row.id);
}

/** Counts a hand-out of the command if it is still PENDING: its row, or none. */
export function countHandOut(em: EntityManager, tenant: string, terminal: string, id: string) {
  return query<Record<string, unknown>>(
    em,
    `update hardware_commands set attempts = attempts + 1
     where id = :id and tenant_id = :tenant and terminal_id = :terminal and status = 'PENDING' returning *`,
    { id, tenant, terminal },
  );
}
