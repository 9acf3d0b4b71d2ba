import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, query } from '../core/sql';

/** The stock reads behind stockLevels and Product.stockLevels (stock-query.service.ts). */

export type LevelRow = { product_id: string; location_id: string; on_hand: number; reserved: number };

/** Every level row at the location, by product name. */
export function levelsAtLocation(em: EntityManager, tenant: string, location: string) {
  return query<LevelRow>(
    em,
    `select s.product_id, s.location_id, s.on_hand, s.reserved
     from stock_levels s join products p on p.id = s.product_id and p.tenant_id = s.tenant_id
     where s.tenant_id = :tenant and s.location_id = :location order by p.name, p.id`,
    { tenant, location },
  );
}

/** The tenant's products among `products` with their level at the location (zeros without a row). */
export function productLevelsAt(em: EntityManager, tenant: string, location: string, products: readonly string[]) {
  return query<LevelRow>(
    em,
    `select p.id as product_id, :location::uuid as location_id, coalesce(s.on_hand, 0) as on_hand,
       coalesce(s.reserved, 0) as reserved
     from products p
     left join stock_levels s on s.product_id = p.id and s.location_id = :location and s.tenant_id = p.tenant_id
     where p.tenant_id = :tenant and p.id = any(:products::uuid[])`,
    { tenant, location, products: pgArray(products) },
  );
}

/** The level rows of the products, at one location or (null) everywhere, by location. */
export function levelRowsOfProducts(
  em: EntityManager,
  tenant: string,
  products: readonly string[],
  location: string | null,
) {
  return query<LevelRow>(
    em,
    `select product_id, location_id, on_hand, reserved from stock_levels
     where tenant_id = :tenant and product_id = any(:products::uuid[])
       and (:location::uuid is null or location_id = :location::uuid)
     order by location_id`,
    { tenant, products: pgArray(products), location },
  );
}
