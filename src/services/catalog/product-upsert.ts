import { TenantContext } from '../../context';
import { badInput } from '../../errors';
import { query } from '../core/sql';
import { inTransaction } from '../core/transaction';
import type { ProductFields } from './product.service';

export const MAX_UPSERT_PRODUCTS = 1000;

export interface UpsertResult {
  created: number;
  updated: number;
  /** The products' ids, in the order given. */
  productIds: string[];
}

/**
 * Creates or updates up to 1,000 products by sku in one statement and one
 * transaction (the change log's triggers run in it). An existing product
 * takes every field given; absent optional ones (barcode, category, cost
 * price, tax rate, attributes, active) keep their value. A sku listed twice
 * or a barcode another product has is BAD_USER_INPUT, with nothing written.
 */
export async function upsertProducts(ctx: TenantContext, products: readonly ProductFields[]): Promise<UpsertResult> {
  if (!products.length || products.length > MAX_UPSERT_PRODUCTS)
    throw badInput('products', `must hold 1 to ${MAX_UPSERT_PRODUCTS} products`);
  const rows = products.map((p) => ({
    sku: p.sku.trim(),
    name: p.name.trim(),
    barcode: p.barcode?.trim() || null,
    category: p.category?.trim() || null,
    price: p.price.toFixed(),
    cost_price: p.costPrice?.toFixed() ?? null,
    tax_rate: p.taxRate?.toFixed() ?? null,
    attributes: p.attributes ?? null,
    is_active: p.isActive ?? null,
  }));
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (seen.has(row.sku)) throw badInput(`products.${i}.sku`, `${row.sku} is listed twice`);
    seen.add(row.sku);
  });
  return inTransaction(ctx, async (tx) => {
    const written = await query<{ id: string; sku: string; inserted: boolean }>(
      tx.em,
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
      { tenant: tx.tenantId, rows: JSON.stringify(rows) },
    );
    const bySku = new Map(written.map((r) => [r.sku, r]));
    return {
      created: written.filter((r) => r.inserted).length,
      updated: written.filter((r) => !r.inserted).length,
      productIds: rows.map((r) => bySku.get(r.sku)!.id),
    };
  });
}
