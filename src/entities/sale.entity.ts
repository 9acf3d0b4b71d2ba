import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Opt, Property, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { Customer } from './customer.entity';
import { Location } from './location.entity';
import { PosSession } from './pos-session.entity';
import { PosTerminal } from './pos-terminal.entity';
import { DiscountType, PaymentMethod, SaleStatus } from './sale-enums';
import { SaleItem } from './sale-item.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

/** A returned line on an exchange cart; money as decimal strings. */
export interface CartReturnLine {
  id: string;
  /** The sale and line it came from; null without a receipt. */
  saleId: string | null;
  saleItemId: string | null;
  productId: string;
  productName: string;
  quantity: number;
  /** Money back, tax included, and its tax part. */
  amount: string;
  taxAmount: string;
  unitPrice: string;
  /** What the units go back on the shelf at. */
  unitCost: string;
  returnToStock: boolean;
  reason: string;
  approvedById: string | null;
}

export const SALE_NUMBER_UNIQUE = 'sales_tenant_id_sale_number_unique';

/**
 * A sale from the first scanned item on: a cart while DRAFT / PENDING /
 * PARTIALLY_PAID, then COMPLETED (immutable), VOIDED or refunded. Figures are
 * written only by sale-totals.ts (one calculator); `version` is bumped by the
 * service on every change under a row lock.
 */
@Entity({ tableName: 'sales' })
@TenantScoped()
@Unique({ name: SALE_NUMBER_UNIQUE, properties: ['tenant', 'saleNumber'] })
// The expiry job's scan (across tenants): only carts are indexed.
@Index({
  name: 'sales_cart_expiry_index',
  expression: `create index "sales_cart_expiry_index" on "sales" ("expires_at") where "status" in ('DRAFT', 'PENDING')`,
})
@Index({ properties: ['tenant', 'locationId', 'parkedAt'] })
// Reports and daily summaries (docs/reports.md): completed sales by time, voids by time.
@Index({
  name: 'sales_report_completed_index',
  expression: `create index "sales_report_completed_index" on "sales" ("tenant_id", "completed_at", "location_id") where "completed_at" is not null`,
})
@Index({
  name: 'sales_report_voided_index',
  expression: `create index "sales_report_voided_index" on "sales" ("tenant_id", "voided_at", "location_id") where "voided_at" is not null and "completed_at" is not null`,
})
@Index({ properties: ['tenant', 'createdAt'] })
export class Sale extends TenantOwned {
  /** `<terminal code>-<6-digit counter>`, assigned at completion; null while a cart. */
  @Property({ type: 'string', length: 50, nullable: true })
  saleNumber?: string | null;

  /** Sum of the lines' gross (before discounts and tax). */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  subtotal: Decimal = new Dec(0);

  /** Item discounts plus the cart discount. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  discountAmount: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  taxAmount: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  totalAmount: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  paidAmount: Decimal = new Dec(0);

  /** Sum of the change given on cash payments. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  changeAmount: Decimal = new Dec(0);

  /** Signed cash rounding of the settlement (docs/money.md, Payments). */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  roundingAdjustment: Decimal = new Dec(0);

  @Enum({ items: () => SaleStatus, nativeEnumName: 'sale_status', index: true })
  status: SaleStatus = SaleStatus.DRAFT;

  /** The method that paid it, SPLIT for several; null until paid. */
  @Enum({ items: () => PaymentMethod, nativeEnumName: 'payment_method', nullable: true })
  paymentMethod?: PaymentMethod | null;

  @ManyToOne(() => Customer, { mapToPk: true, fieldName: 'customer_id', nullable: true, index: true })
  customerId?: string | null;

  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id', index: true })
  locationId!: string;

  @ManyToOne(() => PosTerminal, { mapToPk: true, fieldName: 'terminal_id', index: true })
  terminalId!: string;

  @ManyToOne(() => PosSession, { mapToPk: true, fieldName: 'session_id', nullable: true, index: true })
  sessionId?: string | null;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'cashier_id', index: true })
  cashierId!: string;

  @Enum({ items: () => DiscountType, nativeEnumName: 'discount_type', nullable: true })
  discountType?: DiscountType | null;

  /** Percent (10 = 10 %) or amount, as entered. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  discountValue?: Decimal | null;

  @Property({ type: 'string', length: 255, nullable: true })
  discountReason?: string | null;

  /** The manager or owner who approved a cart discount above the tenant threshold. */
  @ManyToOne(() => User, { mapToPk: true, fieldName: 'discount_approved_by_id', nullable: true })
  discountApprovedById?: string | null;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Property({ type: 'json', nullable: true })
  metadata?: Record<string, unknown> | null;

  /** An exchange's returned goods while it is a cart (docs/returns.md); completion posts them as a refund. */
  @Property({ type: 'json', default: '[]' })
  returnLines: Opt<CartReturnLine[]> = [];

  /** Sum of returnLines' amounts: what the returned goods give back, taken off what is due. */
  @Property({ type: DecimalType, precision: 15, scale: 4, default: 0 })
  returnAmount: Opt<Decimal> = new Dec(0);

  /** Bumped on every change; a client that sends a stale one gets CONFLICT. */
  @Property({ type: 'integer' })
  version: number = 1;

  /** A cart past this is abandoned: the expiry job voids it and frees its stock. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  /** Set while parked (off the register, reservations kept). */
  @Property({ type: 'timestamptz', nullable: true })
  parkedAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  voidedAt?: Date | null;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'voided_by_id', nullable: true })
  voidedById?: string | null;

  @Property({ type: 'string', length: 255, nullable: true })
  voidReason?: string | null;

  /** Who approved the void (voidSale): a cashier's manager, or the voiding manager or owner themself. */
  @ManyToOne(() => User, { mapToPk: true, fieldName: 'void_approved_by_id', nullable: true })
  voidApprovedById?: string | null;

  @OneToMany(() => SaleItem, (item) => item.sale, { orderBy: { lineNo: 'asc' } })
  items = new Collection<SaleItem>(this);
}
