import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Location } from './location.entity';
import { Product } from './product.entity';
import { StockMovementType, StockReferenceType } from './stock-enums';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * The audit trail: every change of onHand writes one row, never edited.
 * `quantity` is signed (IN > 0, OUT < 0), so onHand = sum(quantity).
 */
@Entity({ tableName: 'stock_movements' })
@TenantScoped()
@Index({ properties: ['tenant', 'productId', 'locationId', 'createdAt'] })
@Index({ properties: ['tenant', 'referenceType', 'referenceId'] })
@Index({ properties: ['tenant', 'createdAt'] })
export class StockMovement extends TenantOwned {
  @ManyToOne(() => Product, { mapToPk: true, fieldName: 'product_id', deleteRule: 'cascade' })
  productId!: string;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id', deleteRule: 'cascade' })
  locationId!: string;

  @Enum({ items: () => StockMovementType, nativeEnumName: 'stock_movement_type' })
  type!: StockMovementType;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @Enum({ items: () => StockReferenceType, nativeEnumName: 'stock_reference_type' })
  referenceType!: StockReferenceType;

  /** The sale, refund or void id, or the receipt's reference (a delivery note number). */
  @Property({ type: 'string', length: 100, nullable: true })
  referenceId?: string | null;

  /** The user (or device token) that caused it; null for system work. */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  /** Per unit: the layer cost for IN, the consumed average for OUT. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  unitCost?: Decimal | null;

  /** Exact cost moved (positive for IN, positive consumed cost for OUT). */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  costAmount?: Decimal | null;
}
