import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../core/sql';

/** The offline module's statements: the replayed sales' records, stock levels below zero. */

export interface NegativeStockRow {
  productId: string;
  sku: string;
  name: string;
  locationId: string;
  onHand: number;
}

/** Levels below zero, lowest first, at one location or all (`location` null), at most `limit`. */
export function negativeLevels(em: EntityManager, filter: { tenant: string; location: string | null; limit: number }) {
  return query<NegativeStockRow>(
    em,
    `select l.product_id as "productId", p.sku, p.name, l.location_id as "locationId", l.on_hand as "onHand"
     from stock_levels l join products p on p.id = l.product_id and p.tenant_id = l.tenant_id
     where l.tenant_id = :tenant and l.on_hand < 0 and (:location::uuid is null or l.location_id = :location::uuid)
     order by l.on_hand, p.sku limit :limit`,
    filter,
  );
}

export interface OfflineSaleRecord {
  id: string;
  registerNumber: number;
  registerTotal: string;
  computedTotal: string;
  warnings: unknown[];
  flagged: boolean;
  completedAt: Date;
}

/** A batch's `offline_sales` rows in one statement (one terminal, one submitter, one arrival time). */
export async function insertOfflineSales(
  em: EntityManager,
  batch: { tenant: string; terminal: string; submitter: string; createdAt: Date; rows: readonly OfflineSaleRecord[] },
): Promise<void> {
  await query(
    em,
    `insert into offline_sales (id, tenant_id, created_at, terminal_id, register_number, register_total, computed_total,
       warnings, flagged, completed_at, submitted_by_id)
     select r.id, :tenant, :createdAt, :terminal, r."registerNumber", r."registerTotal", r."computedTotal",
       r.warnings, r.flagged, r."completedAt", :submitter
     from jsonb_to_recordset(:rows::jsonb) as r (id uuid, "registerNumber" int, "registerTotal" numeric,
       "computedTotal" numeric, warnings jsonb, flagged boolean, "completedAt" timestamptz)`,
    { ...batch, rows: JSON.stringify(batch.rows) },
  );
}
