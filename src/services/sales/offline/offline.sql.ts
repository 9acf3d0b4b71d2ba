import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../core/sql';

/** The offline module's statements: stock levels below zero. */

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
