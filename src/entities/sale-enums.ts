export { PaymentMethod } from '../money/money-enums';
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

/**
 * Values spelled like src/money/discounts.ts's DiscountType, so entities feed
 * the calculator as they are (sale-totals.ts would not compile otherwise).
 */
export enum DiscountType {
  PERCENTAGE = 'PERCENTAGE',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
}
