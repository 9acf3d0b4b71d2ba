import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, query } from '../core/sql';

/** The catalogue's own statements: the change log (product_changes), the products it names, the bulk upsert by sku. */

export interface ChangeRow {
  id: string;
  seq: string;
  product_id: string;
  removed: boolean;
}

/** Change-log rows after (seq, id), in that order (seq is commit order: catalogue_heads). */
export function changesAfter(em: EntityManager, tenant: string, after: { seq: string; id: string }, limit: number) {
  return query<ChangeRow>(
    em,
    `select c.id::text as id, c.seq::text as seq, c.product_id, c.removed from product_changes c
     where c.tenant_id = :tenant and (c.seq, c.id) > (:seq::bigint, :id::bigint)
     order by c.seq, c.id limit :limit`,
    { tenant, seq: after.seq, id: after.id, limit },
  );
}

/** The newest change-log row, if any. */
export async function newestChange(em: EntityManager, tenant: string): Promise<ChangeRow | undefined> {
  const [row] = await query<ChangeRow>(
    em,
    `select c.id::text as id, c.seq::text as seq, c.product_id, c.removed from product_changes c
     where c.tenant_id = :tenant order by c.seq desc, c.id desc limit 1`,
    { tenant },
  );
  return row;
}

/**
 * A product as the catalogue feed sends it: the Product type's fields,
 * numbers as PostgreSQL's text. Plain rows, not entities: a page holds up to
 * 5,000 products that are only serialized, and hydrating and tracking them
 * as entities was most of the feed's cost.
 */
export interface CatalogueProduct {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  category: string | null;
  price: string;
  costPrice: string | null;
  taxRate: string;
  attributes: Record<string, unknown> | null;
  isActive: boolean;
}

/** The tenant's products among `ids`, by sku. */
export function catalogueProducts(em: EntityManager, tenant: string, ids: string[]) {
  return query<CatalogueProduct>(
    em,
    `select id, sku, barcode, name, category, price::text as price, cost_price::text as "costPrice",
            tax_rate::text as "taxRate", attributes, is_active as "isActive"
     from products where tenant_id = :tenant and id = any(:ids::uuid[]) order by sku`,
    { tenant, ids: pgArray(ids) },
  );
}

export interface UpsertRow {
  sku: string;
  name: string;
  barcode: string | null;
  category: string | null;
  price: string;
  cost_price: string | null;
  tax_rate: string | null;
  attributes: Record<string, unknown> | null;
  is_active: boolean | null;
}

/**
 * One statement for the whole batch (rows as one jsonb parameter): absent
 * optional fields (null) keep the existing product's value.
 */
export function upsertProductRows(em: EntityManager, tenant: string, rows: UpsertRow[]) {
  return query<{ id: string; sku: string; inserted: boolean }>(
    em,
    `insert into products (id, tenant_id, created_at, updated_at, sku, name, barcode, category, price, cost_price,
       tax_rate, attributes, is_active)
     select gen_random_uuid(), :tenant, now(), now(), u.sku, u.name, coalesce(u.barcode, e.barcode),
       coalesce(u.category, e.category), u.price, coalesce(u.cost_price, e.cost_price, 0),
       coalesce(u.tax_rate, e.tax_rate, 0), coalesce(u.attributes, e.attributes), coalesce(u.is_active, e.is_active, true)
     from jsonb_to_recordset(:rows::jsonb) as u(sku text, name text, barcode text, category text, price numeric,
       cost_price numeric, tax_rate numeric, attributes jsonb, is_active boolean)
     left join products e on e.tenant_id = :tenant and e.sku = u.sku
     on conflict (tenant_id, sku) do update set
       name = excluded.name, barcode = excluded.barcode, category = excluded.category, price = excluded.price,
       cost_price = excluded.cost_price, tax_rate = excluded.tax_rate, attributes = excluded.attributes,
       is_active = excluded.is_active, updated_at = now()
     returning id, sku, (xmax = 0) as inserted`,
    { tenant, rows: JSON.stringify(rows) },
  );
}

export interface SearchPosition {
  tenant: string;
  /** `%text%`, escaped (core/search.ts likePattern). */
  like: string;
  /** The last row of the previous page (name, id), or nulls for the first page. */
  afterName: string | null;
  afterId: string | null;
  limit: number;
}

const AFTER = `(:afterName::text is null or (p.name, p.id) > (:afterName::text, :afterId::uuid))`;
const MATCHES = `(p.name ilike :like or p.sku ilike :like)`;

/** Matches among the next `window` products in name order (walks the name index, never further). */
export function searchProductsInWindow(em: EntityManager, at: SearchPosition, window: number) {
  return query<Record<string, unknown>>(
    em,
    `select * from (
       select p.* from products p where p.tenant_id = :tenant and ${AFTER} order by p.name, p.id limit :window
     ) p where ${MATCHES} order by p.name, p.id limit :limit`,
    { ...at, window },
  );
}

/**
 * Matches anywhere after the position, through the trigram indexes: the
 * `offset 0` keeps the planner from folding the filter into a walk of the
 * name index, which is what it picks (and scans the whole catalogue for)
 * when the matches sit late in name order.
 */
export function searchProductsByTrigram(em: EntityManager, at: SearchPosition) {
  return query<Record<string, unknown>>(
    em,
    `select * from (
       select p.* from products p where p.tenant_id = :tenant and ${MATCHES} and ${AFTER} offset 0
     ) p order by p.name, p.id limit :limit`,
    { ...at },
  );
}
