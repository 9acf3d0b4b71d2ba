/** PaymentStatus: of a payment row, and of a refund row. */
export enum PaymentStatus {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  /** Declined or timed out: no money moved (a timed-out authorization is voided by a job). */
  FAILED = 'FAILED',
  /** Refunded in full, or reversed by voiding the sale (`voidedAt` set then). */
  REFUNDED = 'REFUNDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
}
