import { WebhooksHelper } from 'square';
import { GatewayAccounts } from '../gateway-accounts';
import { ProviderEvent } from './provider-event';
import { WebhookRejected } from './webhook-rejected';

const PAYMENT_KINDS: Record<string, ProviderEvent['kind']> = {
  APPROVED: 'payment.succeeded',
  COMPLETED: 'payment.succeeded',
  FAILED: 'payment.failed',
  CANCELED: 'payment.failed',
};

/**
 * Verifies a Square webhook with the SDK's `WebhooksHelper.verifySignature`
 * (HMAC-SHA256 over the notification URL followed by the raw body, keyed by
 * the subscription's signature key). The tenant is the one whose Square
 * account has the event's location; only that tenant's key can make it pass.
 * `notificationUrl` must be the URL exactly as configured at Square
 * (SQUARE_WEBHOOK_URL behind a proxy, else the URL this request came to).
 */
export async function verifySquareEvent(
  accounts: GatewayAccounts,
  rawBody: Buffer,
  signature: string | undefined,
  notificationUrl: string,
): Promise<ProviderEvent | null> {
  if (!signature) throw new WebhookRejected('missing x-square-hmacsha256-signature header');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the provider's JSON, read field by field below
  let body: any;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejected('body is not JSON');
  }
  const object = body?.data?.object ?? {};
  const entity = object.payment ?? object.refund;
  const locationId = typeof entity?.location_id === 'string' ? entity.location_id : '';
  const tenantId = locationId ? await accounts.tenantForLocation('SQUARE', locationId) : null;
  if (!tenantId) throw new WebhookRejected('no Square account for this event');
  const account = await accounts.load(tenantId, 'SQUARE');
  const valid = await WebhooksHelper.verifySignature({
    requestBody: rawBody.toString('utf8'),
    signatureHeader: signature,
    signatureKey: account.secrets.webhookSecret,
    notificationUrl,
  });
  if (!valid) throw new WebhookRejected('bad signature');
  const isRefund = body.type === 'refund.updated' && object.refund;
  const kind = isRefund ? 'refund.updated' : body.type === 'payment.updated' ? PAYMENT_KINDS[entity.status] : undefined;
  if (!kind || typeof body.event_id !== 'string') return null;
  return {
    provider: 'SQUARE',
    tenantId,
    eventId: body.event_id,
    providerType: body.type,
    kind,
    transactionRef: String(isRefund ? entity.payment_id : entity.id),
    status: String(entity.status),
    ...(isRefund ? { refundId: String(entity.id) } : {}),
  };
}
