import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';
import type { Tenant } from '../../entities';
import { subscribes, WebhookEventType } from './event-types';
import { WEBHOOK_DELIVERY_JOB, WebhookDeliveryJob } from './webhook-jobs';
import { query } from '../core/sql';
import { INSERT_EVENT_AND_DELIVERIES } from './webhooks.sql';

/**
 * Records a webhook event in the caller's transaction: the event row, one
 * delivery per subscribed endpoint and their delivery jobs commit with the
 * change that caused them, or not at all. `data` builds the object as the API
 * shows it, and is only called when someone listens.
 *
 * With the tenant row already loaded (checkout loads it), a tenant whose
 * endpoints do not subscribe to `type` costs no statement at all; otherwise
 * one statement finds the endpoints and writes the rows, plus one for the jobs.
 */
export async function emitWebhookEvent(
  tx: TenantContext,
  type: WebhookEventType,
  data: () => object,
  loadedTenant?: Pick<Tenant, 'webhookEvents'>,
): Promise<void> {
  if (loadedTenant && !subscribes(loadedTenant.webhookEvents, type)) return;
  const id = randomUUID();
  const createdAt = new Date();
  const body = JSON.stringify({ id, type, createdAt: createdAt.toISOString(), tenantId: tx.tenantId, data: data() });
  const rows = await query<{ id: string }>(tx.em, INSERT_EVENT_AND_DELIVERIES, {
    tenant: tx.tenantId,
    type,
    eventId: id,
    at: createdAt,
    body,
  });
  if (!rows.length) return;
  await tx.services.jobs.enqueueMany<WebhookDeliveryJob>(
    tx,
    WEBHOOK_DELIVERY_JOB,
    rows.map((row) => ({ data: { tenantId: tx.tenantId, deliveryId: row.id } })),
  );
}
