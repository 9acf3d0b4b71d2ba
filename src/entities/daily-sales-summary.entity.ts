import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { Location } from './location.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';

export const DAILY_SUMMARY_UNIQUE = 'daily_sales_summaries_date_location_tenant_unique';

/**
 * One location's local day of sales (docs/money.md, Days), denormalized for fast
 * reports. Written only by `recomputeDailySummary` (one SQL aggregate over the
 * source tables, upserted on the unique key), so recomputing is idempotent.
 * Column meanings: docs/reports.md.
 */
@Entity({ tableName: 'daily_sales_summaries' })
@TenantScoped()
@Unique({ name: DAILY_SUMMARY_UNIQUE, properties: ['date', 'locationId', 'tenant'] })
export class DailySalesSummary extends TenantOwned {
  /** The local date (YYYY-MM-DD) in the location's time zone. */
  @Property({ type: 'date' })
  date!: string;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id' })
  locationId!: string;

  @Property({ type: 'integer' })
  totalSales: number = 0;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  totalRevenue: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4, fieldName: 'total_cogs' })
  totalCOGS: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  totalDiscount: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  totalTax: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  totalRefunds: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  cashTotal: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  cardTotal: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  otherTotal: Decimal = new Dec(0);

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
