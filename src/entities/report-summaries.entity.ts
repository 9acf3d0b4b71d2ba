import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { Location } from './location.entity';
import { Product } from './product.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

/*
 * The report summaries (docs/reports.md, "Report summaries"): one row per
 * tenant, location, local date and key, recomputed from the source rows by
 * src/services/reporting/summary-recompute.ts (never incremented). Every
 * measure is additive, so a report sums whole days of these with its partial
 * first and last day read from the source rows.
 *
 * Each grain's columns are declared once (its abstract `...Figures` class)
 * and serve two tables: the day summary (`daily_*`, `date` = the local date)
 * and its monthly rollup (`monthly_*`, `date` = the 1st of the local month,
 * the sums of that month's day rows), so both always have the same shape.
 */
const money = () => Property({ type: DecimalType, precision: 15, scale: 4 });

abstract class GrainSummary extends TenantOwned {
  /** Local date in the location's time zone (monthly tables: the month's first day). */
  @Property({ type: 'date' })
  date!: string;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id' })
  locationId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}

/** Per product: units, line totals and net-of-tax revenue and cost, voids and refunds deducted. */
abstract class ProductFigures extends GrainSummary {
  @ManyToOne(() => Product, { mapToPk: true, fieldName: 'product_id' })
  productId!: string;
  @Property({ type: 'integer' }) quantity: number = 0;
  @money() revenue: Decimal = new Dec(0);
  @money() netRevenue: Decimal = new Dec(0);
  @money() cogs: Decimal = new Dec(0);
}

@Entity({ tableName: 'daily_product_summaries' })
@TenantScoped()
@Unique({ name: 'daily_product_summaries_key', properties: ['tenant', 'date', 'locationId', 'productId'] })
export class DailyProductSummary extends ProductFigures {}

@Entity({ tableName: 'monthly_product_summaries' })
@TenantScoped()
@Unique({ name: 'monthly_product_summaries_key', properties: ['tenant', 'date', 'locationId', 'productId'] })
export class MonthlyProductSummary extends ProductFigures {}

/** Per payment method: signed payments of moved sales and refunds paid out by that method. */
abstract class PaymentFigures extends GrainSummary {
  @Property({ type: 'string', length: 30 }) method!: string;
  @Property({ type: 'integer' }) paymentCount: number = 0;
  @money() amount: Decimal = new Dec(0);
  @money() refunds: Decimal = new Dec(0);
}

@Entity({ tableName: 'daily_payment_summaries' })
@TenantScoped()
@Unique({ name: 'daily_payment_summaries_key', properties: ['tenant', 'date', 'locationId', 'method'] })
export class DailyPaymentSummary extends PaymentFigures {}

@Entity({ tableName: 'monthly_payment_summaries' })
@TenantScoped()
@Unique({ name: 'monthly_payment_summaries_key', properties: ['tenant', 'date', 'locationId', 'method'] })
export class MonthlyPaymentSummary extends PaymentFigures {}

/** Per cashier: their sales (completed, voided) and the refunds they processed. */
abstract class CashierFigures extends GrainSummary {
  @ManyToOne(() => User, { mapToPk: true, fieldName: 'cashier_id' })
  cashierId!: string;
  @Property({ type: 'integer' }) salesCount: number = 0;
  @money() completedTotal: Decimal = new Dec(0);
  @money() revenue: Decimal = new Dec(0);
  @Property({ type: 'integer' }) voidCount: number = 0;
  @money() voidAmount: Decimal = new Dec(0);
  @money() discountsGiven: Decimal = new Dec(0);
  @Property({ type: 'integer' }) refundCount: number = 0;
  @money() refundAmount: Decimal = new Dec(0);
}

@Entity({ tableName: 'daily_cashier_summaries' })
@TenantScoped()
@Unique({ name: 'daily_cashier_summaries_key', properties: ['tenant', 'date', 'locationId', 'cashierId'] })
export class DailyCashierSummary extends CashierFigures {}

@Entity({ tableName: 'monthly_cashier_summaries' })
@TenantScoped()
@Unique({ name: 'monthly_cashier_summaries_key', properties: ['tenant', 'date', 'locationId', 'cashierId'] })
export class MonthlyCashierSummary extends CashierFigures {}

/** Per local hour (0-23): the sale-level figures of salesReport and hourlySales. */
abstract class HourFigures extends GrainSummary {
  @Property({ type: 'smallint' }) hour!: number;
  @Property({ type: 'integer' }) salesCount: number = 0;
  @Property({ type: 'integer' }) completedCount: number = 0;
  @money() completedTotal: Decimal = new Dec(0);
  @money() grossSales: Decimal = new Dec(0);
  @money() discounts: Decimal = new Dec(0);
  @money() tax: Decimal = new Dec(0);
  @money() revenue: Decimal = new Dec(0);
  @money() refunds: Decimal = new Dec(0);
}

@Entity({ tableName: 'daily_hour_summaries' })
@TenantScoped()
@Unique({ name: 'daily_hour_summaries_key', properties: ['tenant', 'date', 'locationId', 'hour'] })
export class DailyHourSummary extends HourFigures {}

@Entity({ tableName: 'monthly_hour_summaries' })
@TenantScoped()
@Unique({ name: 'monthly_hour_summaries_key', properties: ['tenant', 'date', 'locationId', 'hour'] })
export class MonthlyHourSummary extends HourFigures {}
