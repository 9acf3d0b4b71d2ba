import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { PaymentStatus } from './payment-enums';
import { PosSession } from './pos-session.entity';
import { PaymentMethod } from './sale-enums';
import { Sale } from './sale.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

/**
 * One tender on a sale (split tender = several rows). FAILED rows are kept:
 * a declined card is part of the sale's history. Rows are never deleted; a
 * void stamps `voidedAt` and a refund raises `refundedAmount`.
 */
@Entity({ tableName: 'sale_payments' })
@TenantScoped()
@Index({ properties: ['tenant', 'saleId'] })
@Index({ properties: ['tenant', 'sessionId'] })
export class SalePayment extends TenantOwned {
  @ManyToOne(() => Sale, { mapToPk: true, fieldName: 'sale_id' })
  saleId!: string;

  /** The drawer session the sale was rung up in (where cash went). */
  @ManyToOne(() => PosSession, { mapToPk: true, fieldName: 'session_id', nullable: true })
  sessionId?: string | null;

  @Enum({ items: () => PaymentMethod, nativeEnumName: 'payment_method', index: true })
  method!: PaymentMethod;

  @Enum({ items: () => PaymentStatus, nativeEnumName: 'payment_status', index: true })
  status: PaymentStatus = PaymentStatus.PENDING;

  /** The amount applied to the sale (for cash: not what was handed over). */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  amount!: Decimal;

  /** Cash handed over. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  receivedAmount?: Decimal | null;

  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  changeGiven?: Decimal | null;

  /** What has been refunded against this payment (card refunds go back to the original transaction). */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  refundedAmount: Decimal = new Dec(0);

  /** The gateway that took the payment (e.g. STRIPE): refunds and voids go back to it. */
  @Property({ type: 'string', length: 40, nullable: true })
  gateway?: string | null;

  /** The acquirer's transaction id (card, wallet). */
  @Property({ type: 'string', length: 255, nullable: true })
  transactionRef?: string | null;

  /** Bank transfer reference as given; for cards and wallets only the last 4 characters. */
  @Property({ type: 'string', length: 255, nullable: true })
  reference?: string | null;

  /** The acquirer's raw answers by call ({ authorize, capture, void, ... }); never card data. */
  @Property({ type: 'json', nullable: true })
  gatewayResponse?: Record<string, unknown> | null;

  /** Why a FAILED payment failed: the decline reason or "timeout". */
  @Property({ type: 'string', length: 100, nullable: true })
  failureReason?: string | null;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Property({ type: 'timestamptz' })
  processedAt: Date = new Date();

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'processed_by_id' })
  processedById!: string;

  /** Set when the sale was voided and this payment reversed. */
  @Property({ type: 'timestamptz', nullable: true })
  voidedAt?: Date | null;
}
