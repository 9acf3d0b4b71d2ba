import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Location } from './location.entity';
import { Product } from './product.entity';
import { StockReferenceType } from './stock-enums';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * A cost layer: units that came in together at one unit cost. Consumption
 * lowers `remaining` and `remainingValue`; sum(remainingValue) is the stock's
 * value. Under AVERAGE costing only the sums are meaningful (docs/inventory.md).
 */
@Entity({ tableName: 'valuation_layers' })
@TenantScoped()
@Index({ properties: ['tenant', 'productId', 'locationId', 'receivedAt'] })
export class ValuationLayer extends TenantOwned {
  @ManyToOne(() => Product, { mapToPk: true, fieldName: 'product_id', deleteRule: 'cascade' })
  productId!: string;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id', deleteRule: 'cascade' })
  locationId!: string;

  /** Units received into this layer. */
  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'integer' })
  remaining!: number;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  unitCost!: Decimal;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  remainingValue!: Decimal;

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();

  @Enum({ items: () => StockReferenceType, nativeEnumName: 'stock_reference_type' })
  source!: StockReferenceType;

  @Property({ type: 'string', length: 100, nullable: true })
  referenceId?: string | null;
}
