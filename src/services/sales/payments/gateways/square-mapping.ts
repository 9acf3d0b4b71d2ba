import { createHash } from 'node:crypto';
import type { Square } from 'square';
import { AuthorizeResult, LookupResult } from '../payment-gateway';

/**
 * Square's answers in our terms (docs/payments.md, "Square"). Pure, so the
 * mapping table in the docs is the code's.
 */

/** Prefix of a transaction ref that names a Terminal checkout with no payment yet (a lookup of a pending one). */
export const CHECKOUT_REF = 'checkout:';

/**
 * Square limits idempotency keys (45 characters for refunds) and reference ids
 * (40): a longer key of ours is replaced by a digest of it, the same every
 * time, so retries still repeat the same call.
 */
export function squareKey(key: string, max = 45): string {
  return key.length <= max ? key : createHash('sha256').update(key).digest('base64url').slice(0, max);
}

/** The checkout's reference id that lets lookup find it from our key. */
export function checkoutReference(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 40);
}

export function checkoutRaw(checkout: Square.TerminalCheckout): Record<string, unknown> {
  return {
    id: checkout.id,
    object: 'terminal_checkout',
    status: checkout.status,
    amount: checkout.amountMoney.amount?.toString() ?? null,
    currency: checkout.amountMoney.currency ?? null,
    paymentIds: checkout.paymentIds ?? [],
    cancelReason: checkout.cancelReason ?? null,
  };
}

export function paymentRaw(payment: Square.Payment): Record<string, unknown> {
  return {
    id: payment.id,
    object: 'payment',
    status: payment.status,
    amount: payment.amountMoney?.amount?.toString() ?? null,
    currency: payment.amountMoney?.currency ?? null,
    refunded: payment.refundedMoney?.amount?.toString() ?? '0',
    last4: payment.cardDetails?.card?.last4 ?? null,
  };
}

/**
 * A finished checkout as an authorization: COMPLETED (the payment APPROVED,
 * not captured, as we ask for `autocomplete: false`) is approved; CANCELED is
 * declined with its cancel reason (the terminal lets the buyer retry another
 * card after a decline, so a checkout ends canceled or timed out, not declined).
 */
export function authorizeResultOf(checkout: Square.TerminalCheckout): AuthorizeResult {
  const raw = checkoutRaw(checkout);
  const paymentId = checkout.paymentIds?.[0];
  if (checkout.status === 'COMPLETED' && paymentId) return { transactionRef: paymentId, status: 'APPROVED', raw };
  return {
    transactionRef: paymentId ?? `${CHECKOUT_REF}${checkout.id}`,
    status: 'DECLINED',
    declineReason: (checkout.cancelReason ?? 'declined').toLowerCase(),
    raw,
  };
}

/** A checkout found by lookup: still on the terminal (PENDING, IN_PROGRESS, CANCEL_REQUESTED) is PENDING. */
export function lookupResultOf(checkout: Square.TerminalCheckout): LookupResult {
  if (checkout.status === 'COMPLETED' || checkout.status === 'CANCELED') return authorizeResultOf(checkout);
  return { transactionRef: `${CHECKOUT_REF}${checkout.id}`, status: 'PENDING', raw: checkoutRaw(checkout) };
}
