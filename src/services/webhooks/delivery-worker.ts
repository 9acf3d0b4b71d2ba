import { TenantContext } from '../../context';
import { LockMode } from '@mikro-orm/core';
import { User, WebhookDelivery, WebhookEndpoint } from '../../entities';
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
import {
  FAIL_DELIVERY,
  FAIL_PENDING_DELIVERIES,
  LOAD_PENDING_DELIVERY,
  RECORD_SUCCESS,
  SYNC_TENANT_WEBHOOK_EVENTS,
} from './webhooks.sql';

/** Attempts kept per delivery (the oldest are dropped): 3 days of backoff is about 20. */
export const MAX_RECORDED_ATTEMPTS = 30;

interface PendingDelivery {
  id: string;
  endpoint_id: string;
  url: string;
  is_active: boolean;
  secret: string;
  previous_secret: string | null;
  /** Raw rows carry timestamps as text. The secrets are as stored: sealed (or legacy plaintext). */
  previous_secret_expires_at: string | null;
  event_id: string;
  event_type: string;
  body: string;
}

/**
 * Works one `deliver-webhook` job: POSTs the event to its endpoint (outside
 * any transaction: a slow endpoint holds no connection), then records the
 * attempt. A delivery already SUCCEEDED or FAILED is left alone, so a
 * duplicated job sends nothing more; a redelivery that races a retry may
 * send twice, which receivers handle with the event id (at least once).
 *
 * The common case costs two statements (one read, one update); a failure
 * takes the transaction that schedules the retry or disables the endpoint.
 */
export async function deliverWebhook(
  ctx: TenantContext,
  config: WebhookConfig,
  mailer: Mailer,
  job: WebhookDeliveryJob,
) {
  const [pending] = await query<PendingDelivery>(ctx.em, LOAD_PENDING_DELIVERY, {
    delivery: job.deliveryId,
    tenant: job.tenantId,
  });
  if (!pending) return;
  if (!pending.is_active) {
    await query(ctx.em, FAIL_DELIVERY, { delivery: pending.id, tenant: job.tenantId });
    return;
  }
  const sentAt = new Date();
  const timestamp = Math.floor(sentAt.getTime() / 1000);
  const secrets = openedSecrets(ctx, pending, sentAt);
  if (!secrets) {
    const unsent = { at: sentAt.toISOString(), statusCode: null, durationMs: 0, responseExcerpt: UNSIGNABLE };
    await recordFailure(ctx, config, mailer, pending, unsent);
    return;
  }
  const result = await postWebhook(
    pending.url,
    {
      'user-agent': 'POS-Webhooks/1',
      'POS-Event-Id': pending.event_id,
      'POS-Event-Type': pending.event_type,
      'POS-Signature': signatureHeader(secrets, timestamp, pending.body),
    },
    pending.body,
    config,
  );
  const attempt: WebhookAttempt = { at: sentAt.toISOString(), ...result };
  if (succeeded(result))
    await query(ctx.em, RECORD_SUCCESS, {
      delivery: pending.id,
      tenant: job.tenantId,
      attempt: JSON.stringify(attempt),
      keep: MAX_RECORDED_ATTEMPTS,
    });
  else await recordFailure(ctx, config, mailer, pending, attempt);
}

/** The attempt recorded, instead of a POST, when the endpoint's secret does not open. */
export const UNSIGNABLE = 'not sent: the signing secret does not decrypt';

/**
 * The secrets that sign now; null when a sealed one does not open (another
 * key than it was sealed with, or a value copied from another tenant's row):
 * such a delivery is never sent unsigned, it fails like an unanswered one.
 */
function openedSecrets(ctx: TenantContext, pending: PendingDelivery, now: Date): string[] | null {
  const stored = {
    secret: pending.secret,
    previousSecret: pending.previous_secret,
    previousSecretExpiresAt: pending.previous_secret_expires_at ? new Date(pending.previous_secret_expires_at) : null,
  };
  try {
    return signingSecrets(ctx.services.secretCipher, ctx.tenantId, stored, now);
  } catch (error) {
    ctx.log.error(
      { endpointId: pending.endpoint_id, err: (error as Error).message },
      'webhook signing secret does not decrypt: another SECRETS_ENCRYPTION_KEY, or a row from another tenant',
    );
    return null;
  }
}

function succeeded(result: PostResult): boolean {
  return result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
}

async function recordFailure(
  ctx: TenantContext,
  config: WebhookConfig,
  mailer: Mailer,
  pending: PendingDelivery,
  attempt: WebhookAttempt,
): Promise<void> {
  const at = new Date(attempt.at);
  const now = new Date();
  let disabled = false;
  let endpoint: WebhookEndpoint | undefined;
  await inTransaction(ctx, async (tx) => {
    const delivery = await tx.em.findOne(
      WebhookDelivery,
      { id: pending.id, tenant: tx.tenantId, status: WebhookDeliveryStatus.PENDING },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!delivery) return;
    endpoint = await tx.em.findOneOrFail(WebhookEndpoint, { id: pending.endpoint_id, tenant: tx.tenantId });
    delivery.attempts = [...delivery.attempts, attempt].slice(-MAX_RECORDED_ATTEMPTS);
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
    await tx.em.flush();
    if (disabled) {
      await query(tx.em, FAIL_PENDING_DELIVERIES, { endpoint: endpoint.id, tenant: tx.tenantId });
      await query(tx.em, SYNC_TENANT_WEBHOOK_EVENTS, { tenant: tx.tenantId });
    }
  });
  if (disabled && endpoint) await tellOwners(ctx, mailer, endpoint);
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
