import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { CostingMethod, RoundingMode } from './enums';

/**
 * Approval thresholds, money as decimal strings in the tenant's currency
 * (docs/security.md). `payOutThreshold`: a cash pay-out above it needs a
 * manager's approval; absent, none does.
 */
export interface ApprovalPolicy {
  payOutThreshold?: string | null;
  /** false lets a pay-out take the drawer below zero (default true: never above the expected cash). */
  payOutLimitedToExpectedCash?: boolean;
  /** Days after completion a cashier may refund without approval; absent: 30, null: no window. */
  refundWindowDays?: number | null;
  /** A refund above this needs approval; absent: 100, null: none does. */
  refundApprovalThreshold?: string | null;
  /** Percent below the product's price a cashier may set a line's price without approval; absent: 0. */
  priceOverrideThreshold?: string;
  /** false lets a cashier return goods without a receipt alone (default true: a manager approves). */
  receiptlessReturnNeedsApproval?: boolean;
}

@Entity({ tableName: 'tenants' })
export class Tenant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 60, unique: true })
  slug!: string;

  /** ISO 4217 code; its minor unit drives every rounding (docs/money.md). */
  @Property({ type: 'string', length: 3 })
  currency: string = 'USD';

  @Property({ type: 'boolean' })
  pricesIncludeTax: boolean = false;

  @Enum({ items: () => CostingMethod, nativeEnumName: 'costing_method' })
  costingMethod: CostingMethod = CostingMethod.FIFO;

  /** 0 means no cash rounding; e.g. 0.05 rounds cash settlements to 5 cents. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  cashRoundingIncrement: Decimal = new Dec(0);

  @Enum({ items: () => RoundingMode, nativeEnumName: 'rounding_mode' })
  roundingMode: RoundingMode = RoundingMode.HALF_UP;

  @Property({ type: 'boolean' })
  allowNegativeStock: boolean = false;

  @Property({ type: 'string', length: 64 })
  timezone: string = 'UTC';

  /** Percent of a line or cart above which a discount needs a manager's approval. */
  @Property({ type: DecimalType, precision: 7, scale: 4 })
  discountApprovalThreshold: Decimal = new Dec(20);

  @Property({ type: 'integer' })
  cartExpiryMinutes: number = 30;

  @Property({ type: 'integer' })
  parkedCartExpiryHours: number = 24;

  /** Which PaymentGateway implementation serves this tenant's card and wallet payments. */
  @Property({ type: 'string', length: 40 })
  paymentGateway: string = 'SIMULATOR';

  /** The gateway for mobile-wallet payments; null: the same as `paymentGateway`. */
  @Property({ type: 'string', length: 40, nullable: true })
  walletPaymentGateway?: string | null;

  /** Local time (HH:MM) at which sessions left open are closed; null: never. */
  @Property({ type: 'string', length: 5, nullable: true })
  autoCloseSessionsAt?: string | null;

  @Property({ type: 'text[]' })
  reportRecipients: string[] = [];

  /** When an action needs a manager's approval (see ApprovalPolicy). */
  @Property({ type: 'jsonb', default: '{}' })
  approvalPolicy: ApprovalPolicy = {};
  /** The event types the tenant's active webhook endpoints subscribe to (kept by the webhook service). */
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  webhookEvents: string[] = [];

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
