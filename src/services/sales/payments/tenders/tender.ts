import type Decimal from 'decimal.js';
import type { TenantContext } from '../../../../context';
import type { Sale, SalePayment, Tenant } from '../../../../entities';
import type { PaymentMethod } from '../../../../entities/sale-enums';

export interface PayRequest {
  sale: Sale;
  tenant: Tenant;
  /** The new payment row (COMPLETED until the tender says otherwise: FAILED with its reason). */
  payment: SalePayment;
  /** The client's reference, trimmed: card token, wallet id, transfer reference. */
  reference: string | null;
  idempotencyKey: string;
  /** The card reader of the sale's terminal (null: the gateway account's), loaded with the sale. */
  readerId: string | null;
}

export interface RefundRequest {
  sale: Sale;
  method: PaymentMethod;
  amount: Decimal;
  idempotencyKey: string;
}

export interface RefundOutcome {
  transactionRef: string | null;
  raw: Record<string, unknown> | null;
}

export const NOTHING_AT_A_GATEWAY: RefundOutcome = { transactionRef: null, raw: null };

/**
 * What one way of paying does when money comes in (pay), when a sale is
 * voided (void: the sale's applied payments of this tender) and when money
 * goes back (refund). Every call runs in the caller's transaction with the
 * sale locked; a refusal throws and rolls everything back.
 */
export interface Tender {
  readonly methods: readonly PaymentMethod[];
  pay(tx: TenantContext, request: PayRequest): Promise<void>;
  void(tx: TenantContext, sale: Sale, payments: readonly SalePayment[]): Promise<void>;
  refund(tx: TenantContext, request: RefundRequest): Promise<RefundOutcome>;
}
