import { TenantContext } from '../../context';
import { User, WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../entities';
import { Role } from '../../entities/enums';
import { WebhookAttempt, WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import type { Mailer } from '../core/mailer';
import { query } from '../core/sql';
import { inTransaction } from '../core/transaction';
import { signingSecrets } from './endpoint-secrets';
import { postWebhook, PostResult } from './http-post';
import { nextAttemptAt } from './retry-schedule';
import { signatureHeader } from './signing';
import type { WebhookConfig } from './webhook-config';
import { WEBHOOK_DELIVERY_JOB, WebhookDeliveryJob } from './webhook-jobs';
import { FAIL_PENDING_DELIVERIES, SYNC_TENANT_WEBHOOK_EVENTS } from './webhooks.sql';

/** Attempts kept per delivery (the oldest are dropped): 3 days of backoff is about 20. */
export const MAX_RECORDED_ATTEMPTS = 30;

/**
 * Works one `deliver-webhook` job: POSTs the event to its endpoint (outside
 * any transaction: a slow endpoint holds no connection), then records the
 * attempt and, on failure, schedules the next one, in one transaction. A
 * delivery already SUCCEEDED or FAILED is left alone, so a duplicated job
 * sends nothing more; a redelivery that races a retry may send twice, which
 * receivers handle with the event id (at least once).
 */
export async function deliverWebhook(
  ctx: TenantContext,
  config: WebhookConfig,
  mailer: Mailer,
  job: WebhookDeliveryJob,
) {
  const delivery = await ctx.em.findOne(WebhookDelivery, { id: job.deliveryId, tenant: job.tenantId });
  if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) return;
  const endpoint = await ctx.em.findOneOrFail(WebhookEndpoint, { id: delivery.endpointId, tenant: job.tenantId });
  if (!endpoint.isActive) {
    delivery.status = WebhookDeliveryStatus.FAILED;
    delivery.nextAttemptAt = null;
    await ctx.em.flush();
    return;
  }
  const event = await ctx.em.findOneOrFail(WebhookEvent, { id: delivery.eventId, tenant: job.tenantId });
  const sentAt = new Date();
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  const result = await postWebhook(
    endpoint.url,
    {
      'user-agent': 'POS-Webhooks/1',
      'POS-Event-Id': event.id,
      'POS-Event-Type': event.type,
      'POS-Signature': signatureHeader(signingSecrets(endpoint, sentAt), timestamp, event.body),
    },
    event.body,
    config,
  );
  await recordAttempt(ctx, config, mailer, delivery, endpoint, sentAt, result);
}

function succeeded(result: PostResult): boolean {
  return result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
}

async function recordAttempt(
  ctx: TenantContext,
  config: WebhookConfig,
  mailer: Mailer,
  delivery: WebhookDelivery,
  endpoint: WebhookEndpoint,
  at: Date,
  result: PostResult,
): Promise<void> {
  const attempt: WebhookAttempt = { at: at.toISOString(), ...result };
  const now = new Date();
  let disabled = false;
  await inTransaction(ctx, async (tx) => {
    delivery.attempts = [...delivery.attempts, attempt].slice(-MAX_RECORDED_ATTEMPTS);
    if (succeeded(result)) {
      delivery.status = WebhookDeliveryStatus.SUCCEEDED;
      delivery.nextAttemptAt = null;
      if (endpoint.failingSince) endpoint.failingSince = null;
    } else {
      endpoint.failingSince ??= at;
      disabled = now.getTime() - endpoint.failingSince.getTime() >= config.disableAfterSeconds * 1000;
      const next = disabled ? null : nextAttemptAt(config, delivery.firstAttemptAt, delivery.attempts.length, now);
      delivery.nextAttemptAt = next;
      if (!next) delivery.status = WebhookDeliveryStatus.FAILED;
      else
        await tx.services.jobs.enqueue(
          tx,
          WEBHOOK_DELIVERY_JOB,
          { tenantId: tx.tenantId, deliveryId: delivery.id },
          { startAfter: next },
        );
      if (disabled) {
        endpoint.isActive = false;
        endpoint.disabledReason = `every delivery failed for ${Math.round(config.disableAfterSeconds / 3600)} h or more`;
      }
    }
    await tx.em.flush();
    if (disabled) {
      await query(tx.em, FAIL_PENDING_DELIVERIES, { endpoint: endpoint.id, tenant: tx.tenantId });
      await query(tx.em, SYNC_TENANT_WEBHOOK_EVENTS, { tenant: tx.tenantId });
    }
  });
  if (disabled) await tellOwners(ctx, mailer, endpoint);
}

/** A log line, an audit row and a mail to the tenant's active owners. */
async function tellOwners(ctx: TenantContext, mailer: Mailer, endpoint: WebhookEndpoint): Promise<void> {
  ctx.log.warn({ endpointId: endpoint.id, url: endpoint.url }, 'webhook endpoint disabled after failing too long');
  await ctx.services.audit.recordAlone(ctx, ctx.tenantId, {
    type: 'webhook.endpoint_disabled',
    subjectType: 'WebhookEndpoint',
    subjectId: endpoint.id,
    actorId: null,
    data: { url: endpoint.url, failingSince: endpoint.failingSince?.toISOString() ?? null },
  });
  const owners = await ctx.em.find(User, { tenant: ctx.tenantId, isActive: true, roles: { $contains: [Role.OWNER] } });
  if (!owners.length) return;
  await mailer.send({
    to: owners.map((owner) => owner.email),
    subject: 'A webhook endpoint was disabled',
    text:
      `Every delivery to ${endpoint.url} has failed since ${endpoint.failingSince?.toISOString()}, ` +
      'so it has been disabled and no more events are sent to it.\n' +
      'Fix the receiver, then enable the endpoint again (updateWebhookEndpoint isActive: true) ' +
      'and send the failed deliveries again with redeliverWebhook.\n',
    messageId: `webhook-disabled-${endpoint.id}-${endpoint.failingSince?.getTime()}`,
  });
}
