import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Location } from './location.entity';
import { Product } from './product.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * Units held for an open cart (referenceType 'SALE', referenceId the sale id).
 * Live while `released` is false; counted in StockLevel.reserved.
 */
@Entity({ tableName: 'stock_reservations' })
@TenantScoped()
@Index({ properties: ['tenant', 'referenceId'] })
@Index({ properties: ['released', 'expiresAt'] })
export class StockReservation extends TenantOwned {
  @ManyToOne(() => Product, { mapToPk: true, fieldName: 'product_id', deleteRule: 'cascade' })
  productId!: string;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id', deleteRule: 'cascade' })
  locationId!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'string', length: 20 })
  referenceType = 'SALE' as const;

  @Property({ type: 'string', length: 100 })
  referenceId!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'boolean' })
  released: boolean = false;

  /** When it stopped holding stock (released, expired or consumed). */
  @Property({ type: 'timestamptz', nullable: true })
  releasedAt?: Date | null;

  /** True when it became a sale's OUT movement rather than going back to available. */
  @Property({ type: 'boolean' })
  consumed: boolean = false;
}
