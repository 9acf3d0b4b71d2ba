import { TenantContext } from '../../context';
import { badInput } from '../../errors';
import { upsertProductRows, UpsertRow } from './catalog.sql';
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
  const rows = products.map((p): UpsertRow => ({
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
    const written = await upsertProductRows(tx.em, tx.tenantId, rows);
    const bySku = new Map(written.map((r) => [r.sku, r]));
    return {
      created: written.filter((r) => r.inserted).length,
      updated: written.filter((r) => !r.inserted).length,
      productIds: rows.map((r) => bySku.get(r.sku)!.id),
    };
  });
}
