import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Location } from './location.entity';
import { Product } from './product.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * One product at one location. Changed only by StockService with atomic
 * conditional updates (the row is the lock for everything about this product
 * at this location: reservations, movements, cost layers).
 * available = onHand - reserved.
 */
@Entity({ tableName: 'stock_levels' })
@TenantScoped()
@Unique({ properties: ['tenant', 'productId', 'locationId'] })
export class StockLevel extends TenantOwned {
  @ManyToOne(() => Product, { mapToPk: true, fieldName: 'product_id', deleteRule: 'cascade' })
  productId!: string;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id', deleteRule: 'cascade', index: true })
  locationId!: string;

  /** Always the sum of this product's movements at this location. */
  @Property({ type: 'integer' })
  onHand: number = 0;

  @Property({ type: 'integer' })
  reserved: number = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
