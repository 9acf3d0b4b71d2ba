import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/** Something sold: identified by sku (and optionally a barcode) within its tenant. */
@Entity({ tableName: 'products' })
@TenantScoped()
@Unique({ properties: ['tenant', 'sku'] })
@Unique({ properties: ['tenant', 'barcode'] })
// Lists are paged by name, and a search first reads this index in order (a common term fills its page
// within a few rows); a rare term is found through the trigram indexes (services/catalog/product-search.ts).
@Index({ properties: ['tenant', 'name', 'id'] })
@Index({
  name: 'products_name_trgm_index',
  expression: `create index "products_name_trgm_index" on "products" using gin ("name" gin_trgm_ops)`,
})
@Index({
  name: 'products_sku_trgm_index',
  expression: `create index "products_sku_trgm_index" on "products" using gin ("sku" gin_trgm_ops)`,
})
export class Product extends TenantOwned {
  @Property({ type: 'string', length: 100 })
  sku!: string;

  /** Unique per tenant when present (NULLs never collide). */
  @Property({ type: 'string', length: 100, nullable: true })
  barcode?: string | null;

  @Property({ type: 'string', length: 255 })
  name!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  category?: string | null;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  price: Decimal = new Dec(0);

  /** Fallback unit cost for units sold beyond the cost layers (negative stock). */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  costPrice: Decimal = new Dec(0);

  /** A fraction: 0.0825 is 8.25 %. */
  @Property({ type: DecimalType, precision: 5, scale: 4 })
  taxRate: Decimal = new Dec(0);

  @Property({ type: 'json', nullable: true })
  attributes?: Record<string, unknown> | null;

  @Property({ type: 'boolean' })
  isActive: boolean = true;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
