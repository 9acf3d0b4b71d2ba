import { Entity, Enum, Index, ManyToOne, Property, Ref } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { Product } from './product.entity';
import type { Sale } from './sale.entity';
import { DiscountType } from './sale-enums';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

/**
 * One product on a sale. Name, sku, attributes, unit price and tax rate are
 * snapshotted when the line is added; the figures are written by
 * sale-totals.ts only.
 */
@Entity({ tableName: 'sale_items' })
@TenantScoped()
// Reports read a sale's lines from the index alone (docs/reports.md).
@Index({
  name: 'sale_items_report_index',
  expression: `create index "sale_items_report_index" on "sale_items" ("sale_id") include ("product_id", "quantity", "line_total", "tax_amount", "discount_amount", "cost_amount")`,
})
export class SaleItem extends TenantOwned {
  @ManyToOne('Sale', { ref: true, deleteRule: 'cascade', index: true })
  sale!: Ref<Sale>;

  /** Order on the sale (1, 2, ...): ties in the cart-discount allocation go to the earlier line. */
  @Property({ type: 'integer' })
  lineNo!: number;

  @ManyToOne(() => Product, { mapToPk: true, fieldName: 'product_id', index: true })
  productId!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  /** Price at the time it was added. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  unitPrice!: Decimal;

  /** COGS per unit from the cost layers; null until the sale completes. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  unitCost?: Decimal | null;

  /** Exact consumed cost of the line's units; null until the sale completes. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  costAmount?: Decimal | null;

  @Enum({ items: () => DiscountType, nativeEnumName: 'discount_type', nullable: true })
  discountType?: DiscountType | null;

  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  discountValue?: Decimal | null;

  @Property({ type: 'string', length: 255, nullable: true })
  discountReason?: string | null;

  /** The manager or owner who approved an item discount above the tenant threshold. */
  @ManyToOne(() => User, { mapToPk: true, fieldName: 'discount_approved_by_id', nullable: true })
  discountApprovedById?: string | null;

  /** Why the unit price was overridden (overrideItemPrice); null: the price is the one snapshotted when added. */
  @Property({ type: 'string', length: 255, nullable: true })
  priceOverrideReason?: string | null;

  /** The manager or owner who approved the override, when the tenant's policy needed one. */
  @ManyToOne(() => User, { mapToPk: true, fieldName: 'price_override_approved_by_id', nullable: true })
  priceOverrideApprovedById?: string | null;

  /** The item discount plus the line's share of the cart discount. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  discountAmount: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 5, scale: 4 })
  taxRate: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  taxAmount: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  lineTotal: Decimal = new Dec(0);

  @Property({ type: 'string', length: 255 })
  productName!: string;

  @Property({ type: 'string', length: 100 })
  productSku!: string;

  @Property({ type: 'json', nullable: true })
  attributes?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;
}
