import Stripe from 'stripe';
import { GatewayAccounts } from '../gateway-accounts';
import { ProviderEvent } from './provider-event';
import { tenantHint, WebhookRejected } from './webhook-rejected';

/** The Stripe events the reader flow needs, in our terms; others are acknowledged and ignored. */
const KINDS: Record<string, ProviderEvent['kind']> = {
  'payment_intent.amount_capturable_updated': 'payment.succeeded',
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.failed',
  'refund.updated': 'refund.updated',
  'charge.refund.updated': 'refund.updated',
};

/**
 * Verifies a Stripe webhook with the tenant's signing secret and the SDK's
 * own `webhooks.constructEvent` (HMAC over the raw body, timestamp tolerance
 * 5 minutes). One URL serves every tenant: the tenant is read from the
 * object's metadata (`pos_tenant`, set by the adapter on every intent and
 * refund) before verification, and only that tenant's secret can make the
 * event pass, so naming another tenant gains nothing.
 */
export async function verifyStripeEvent(
  accounts: GatewayAccounts,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<ProviderEvent | null> {
  if (!signature) throw new WebhookRejected('missing Stripe-Signature header');
  const tenantId = tenantHint(rawBody, (body) => body?.data?.object?.metadata?.pos_tenant);
  const account = await accounts.load(tenantId, 'STRIPE').catch(() => {
    throw new WebhookRejected('no Stripe account for this event');
  });
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, account.secrets.webhookSecret);
  } catch {
    throw new WebhookRejected('bad signature');
  }
  const kind = KINDS[event.type];
  if (!kind) return null;
  const object = event.data.object as unknown as Record<string, unknown>;
  const isRefund = kind === 'refund.updated';
  return {
    provider: 'STRIPE',
    tenantId,
    eventId: event.id,
    providerType: event.type,
    kind,
    transactionRef: String(isRefund ? object.payment_intent : object.id),
    status: String(object.status),
    ...(isRefund ? { refundId: String(object.id) } : {}),
  };
}
