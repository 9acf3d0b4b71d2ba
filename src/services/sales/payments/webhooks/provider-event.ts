import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../../../logger';
import { query } from '../../../core/sql';
import {
  APPEND_PROVIDER_EVENT_TO_PAYMENT,
  LOCK_PAYMENT_BY_PROVIDER_REF,
  RECORD_PROVIDER_EVENT,
} from './provider-events.sql';

/** A verified provider event in our terms (each provider's module maps its own events to this). */
export interface ProviderEvent {
  provider: 'STRIPE' | 'SQUARE';
  tenantId: string;
  eventId: string;
  /** The provider's own type, kept as is. */
  providerType: string;
  kind: 'payment.succeeded' | 'payment.failed' | 'refund.updated';
  /** The payment's transaction ref at the provider (Stripe PaymentIntent id, Square payment id). */
  transactionRef: string;
  /** The provider's status of the payment or refund, e.g. requires_capture, COMPLETED, FAILED. */
  status: string;
  /** The refund's id for refund.updated. */
  refundId?: string;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'no_matching_payment';

/**
 * Applies a verified provider event to our payment, once (docs/payments.md,
 * "Provider webhooks"): the event id is recorded in the same transaction, so a
 * redelivery finds it and changes nothing. Our card flow is synchronous (the
 * checkout waits for the reader), so an event does not complete or fail a
 * sale; it records the provider's last word on the payment row
 * (`gateway_response.providerEvents`), and a refund the provider reports
 * failed is logged for the back office.
 */
export async function applyProviderEvent(orm: MikroORM, log: Logger, event: ProviderEvent): Promise<ApplyOutcome> {
  return orm.em.fork().transactional(async (em) => {
    const tenant = event.tenantId;
    const [payment] = await query<{ id: string }>(em, LOCK_PAYMENT_BY_PROVIDER_REF, {
      tenant,
      provider: event.provider,
      ref: event.transactionRef,
    });
    const inserted = await query<{ id: string }>(em, RECORD_PROVIDER_EVENT, {
      tenant,
      provider: event.provider,
      eventId: event.eventId,
      type: event.providerType,
      payment: payment?.id ?? null,
    });
    if (!inserted.length) return 'duplicate';
    if (!payment) return 'no_matching_payment';
    const entry = {
      id: event.eventId,
      type: event.providerType,
      kind: event.kind,
      status: event.status,
      ...(event.refundId ? { refundId: event.refundId } : {}),
    };
    await query(em, APPEND_PROVIDER_EVENT_TO_PAYMENT, { entry: JSON.stringify(entry), tenant, payment: payment.id });
    if (event.kind === 'refund.updated' && /^(failed|canceled|rejected)$/i.test(event.status)) {
      log.warn(
        { tenantId: event.tenantId, paymentId: payment.id, refundId: event.refundId },
        'provider reports a refund failed',
      );
    }
    return 'applied';
  });
}
