/** The sale's status (its life: docs/checkout.md). A cart is a sale in DRAFT, PENDING or PARTIALLY_PAID. */
export enum SaleStatus {
  /** A cart with no payment yet. */
  DRAFT = 'DRAFT',
  /** Payment begun, nothing applied yet. */
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  VOIDED = 'VOIDED',
  REFUNDED = 'REFUNDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
}

/** The statuses in which a sale is still a cart (its lines may change). */
export const CART_STATUSES: readonly SaleStatus[] = [SaleStatus.DRAFT, SaleStatus.PENDING, SaleStatus.PARTIALLY_PAID];

export enum PaymentMethod {
  CASH = 'CASH',
  CARD = 'CARD',
  MOBILE_WALLET = 'MOBILE_WALLET',
  BANK_TRANSFER = 'BANK_TRANSFER',
  CREDIT = 'CREDIT',
  /** Never a payment row's method: a sale's derived method when several paid it. */
  SPLIT = 'SPLIT',
}

/**
 * Values spelled like src/money/discounts.ts's DiscountType, so entities feed
 * the calculator as they are (sale-totals.ts would not compile otherwise).
 */
export enum DiscountType {
  PERCENTAGE = 'PERCENTAGE',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
}
