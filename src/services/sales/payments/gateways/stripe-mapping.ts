import type Stripe from 'stripe';
import { AuthorizeResult, LookupResult } from '../payment-gateway';

/**
 * Stripe's answers in our terms (docs/payments.md, "Stripe"). Pure, so the
 * mapping table in the docs is the code's.
 */

/** The parts of a PaymentIntent kept on our payment row: ids, states and codes, no card data. */
export function intentRaw(intent: Stripe.PaymentIntent): Record<string, unknown> {
  return {
    id: intent.id,
    object: intent.object,
    status: intent.status,
    amount: intent.amount,
    currency: intent.currency,
    captureMethod: intent.capture_method,
    latestCharge: typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null),
    ...(intent.last_payment_error
      ? {
          lastPaymentError: {
            code: intent.last_payment_error.code,
            declineCode: intent.last_payment_error.decline_code,
          },
        }
      : {}),
  };
}

/** Why Stripe declined: the issuer's decline code when there is one, else the error or reader failure code. */
export function declineReasonOf(intent: Stripe.PaymentIntent, readerFailureCode?: string | null): string {
  const error = intent.last_payment_error;
  return error?.decline_code ?? error?.code ?? readerFailureCode ?? 'declined';
}

/**
 * A PaymentIntent's state as a lookup result: requires_capture / succeeded are
 * approved; canceled, or back to requires_payment_method with an error, is
 * declined; anything else (still on the reader) is PENDING, which
 * void-on-timeout cancels because it cannot be confirmed.
 */
export function lookupResultOf(intent: Stripe.PaymentIntent): LookupResult {
  const base = { transactionRef: intent.id, raw: intentRaw(intent) };
  if (intent.status === 'requires_capture' || intent.status === 'succeeded') return { ...base, status: 'APPROVED' };
  if (intent.status === 'canceled') return { ...base, status: 'DECLINED', declineReason: 'canceled' };
  if (intent.last_payment_error) return { ...base, status: 'DECLINED', declineReason: declineReasonOf(intent) };
  return { ...base, status: 'PENDING' };
}

/** The reader's finished action for this intent, as an authorization. */
export function authorizeResultOf(
  intent: Stripe.PaymentIntent,
  action: Stripe.Terminal.Reader.Action,
): AuthorizeResult {
  const raw = {
    ...intentRaw(intent),
    readerAction: { status: action.status, failureCode: action.failure_code ?? null },
  };
  if (action.status === 'succeeded' && intent.status === 'requires_capture') {
    return { transactionRef: intent.id, status: 'APPROVED', raw };
  }
  return {
    transactionRef: intent.id,
    status: 'DECLINED',
    declineReason: declineReasonOf(intent, action.failure_code),
    raw,
  };
}
