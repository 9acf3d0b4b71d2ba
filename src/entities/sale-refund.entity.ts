import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Customer } from './customer.entity';
import { Location } from './location.entity';
import { PaymentStatus } from './payment-enums';
import { PosSession } from './pos-session.entity';
import { PaymentMethod } from './sale-enums';
import { Sale } from './sale.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

export const REFUND_NUMBER_UNIQUE = 'sale_refunds_tenant_id_refund_number_unique';

import type { RefundLine } from '../money/money-enums';

export type { RefundLine };

/**
 * Money (and possibly goods) given back: on a completed sale, or without a
 * receipt (no sale: docs/returns.md). Never edited once written.
 */
@Entity({ tableName: 'sale_refunds' })
@TenantScoped()
@Unique({ name: REFUND_NUMBER_UNIQUE, properties: ['tenant', 'refundNumber'] })
@Index({ properties: ['tenant', 'saleId'] })
@Index({ properties: ['tenant', 'sessionId'] })
@Index({ properties: ['tenant', 'locationId', 'processedAt'] })
// Reports and summaries find refunds by when they were processed.
@Index({ name: 'sale_refunds_processed_index', properties: ['tenant', 'processedAt'] })
export class SaleRefund extends TenantOwned {
  /** "R-000001": gapless per tenant (document counter series "refund"). */
  @Property({ type: 'string', length: 50 })
  refundNumber!: string;

  /** null: a return without a receipt. */
  @ManyToOne(() => Sale, { mapToPk: true, fieldName: 'sale_id', nullable: true, deleteRule: 'no action' })
  saleId?: string | null;

  /** An exchange: the sale of the new goods it was completed with. */
  @ManyToOne(() => Sale, { mapToPk: true, fieldName: 'exchange_sale_id', nullable: true })
  exchangeSaleId?: string | null;

  /** Where it happened: the location restocked, whose reports count the refund. */
  @ManyToOne(() => Location, { mapToPk: true, fieldName: 'location_id' })
  locationId!: string;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  amount!: Decimal;

  @Enum({ items: () => PaymentMethod, nativeEnumName: 'payment_method' })
  method!: PaymentMethod;

  @Enum({ items: () => PaymentStatus, nativeEnumName: 'payment_status' })
  status: PaymentStatus = PaymentStatus.COMPLETED;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  /** Empty for a refund of an amount only. */
  @Property({ type: 'json' })
  items: RefundLine[] = [];

  /** The drawer session the refund was paid from (required for cash). */
  @ManyToOne(() => PosSession, { mapToPk: true, fieldName: 'session_id', nullable: true })
  sessionId?: string | null;

  /** Card / wallet refunds: the acquirer's refund references. */
  @Property({ type: 'string', length: 255, nullable: true })
  transactionRef?: string | null;

  @Property({ type: 'json', nullable: true })
  gatewayResponse?: Record<string, unknown> | null;

  @Property({ type: 'timestamptz' })
  processedAt: Date = new Date();

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'processed_by_id' })
  processedById!: string;

  /** The manager or owner who approved it, when it needed approval (docs/approvals.md, docs/returns.md). */
  @ManyToOne(() => User, { mapToPk: true, fieldName: 'approved_by_id', nullable: true })
  approvedById?: string | null;

  /** Whose store credit a CREDIT refund without a sale went to. */
  @ManyToOne(() => Customer, { mapToPk: true, fieldName: 'customer_id', nullable: true })
  customerId?: string | null;
}
