import { TenantContext } from '../../context';
import { Tenant, WebhookDelivery, WebhookEndpoint } from '../../entities';
import { WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { badInput, notFound } from '../../errors';
import { isUuid } from '../core/ids';
import { keysetPage, Page, PageRequest } from '../core/pagination';
import type { SecretCipher } from '../core/secret-cipher';
import { query } from '../core/sql';
import { inTransaction } from '../core/transaction';
import type { AuditEventType } from '../security/audit-log';
import { opens } from './endpoint-secrets';
import { isKnownEventSelector } from './event-types';
import { newWebhookSecret } from './signing';
import { assertDeliverableUrl } from './url-guard';
import type { WebhookConfig } from './webhook-config';
import { WEBHOOK_DELIVERY_JOB } from './webhook-jobs';
import { LOCK_TENANT, SYNC_TENANT_WEBHOOK_EVENTS } from './webhooks.sql';

/** Endpoints a tenant may have: each event is one delivery (and one job) per endpoint. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string | null;
}

export interface EndpointUpdate {
  id: string;
  url?: string | null;
  events?: string[] | null;
  isActive?: boolean | null;
}

export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/**
 * A tenant's webhook endpoints (permission `webhook:manage`). Every change
 * also rewrites the tenant's `webhookEvents` (the union of what its active
 * endpoints subscribe to) in the same transaction: checkout reads it from the
 * tenant row it loads anyway, so a tenant without endpoints pays nothing.
 */
export class WebhookEndpointService {
  constructor(
    private readonly config: WebhookConfig,
    private readonly cipher: SecretCipher,
  ) {}

  list(ctx: TenantContext): Promise<WebhookEndpoint[]> {
    return ctx.em.find(WebhookEndpoint, { tenant: ctx.tenantId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** The secret is returned here and by rotateSecret only; the row keeps it sealed. */
  async create(ctx: TenantContext, input: EndpointInput): Promise<EndpointWithSecret> {
    const events = checkedEvents(input.events);
    await assertDeliverableUrl(input.url, this.config);
    return this.changing(ctx, async (tx) => {
      const count = await tx.em.count(WebhookEndpoint, { tenant: tx.tenantId });
      if (count >= MAX_ENDPOINTS_PER_TENANT) throw badInput('url', `at most ${MAX_ENDPOINTS_PER_TENANT} endpoints`);
      const secret = newWebhookSecret();
      const endpoint = Object.assign(new WebhookEndpoint(), {
        tenant: tx.em.getReference(Tenant, tx.tenantId, { wrapped: true }),
        url: input.url,
        events,
        description: input.description ?? null,
        secret: this.cipher.seal(tx.tenantId, secret),
      });
      tx.em.persist(endpoint);
      audited(tx, 'webhook.endpoint_created', endpoint);
      return { endpoint, secret };
    });
  }

  async update(ctx: TenantContext, input: EndpointUpdate): Promise<WebhookEndpoint> {
    const events = input.events ? checkedEvents(input.events) : undefined;
    if (input.url) await assertDeliverableUrl(input.url, this.config);
    return this.changing(ctx, async (tx) => {
      const endpoint = await this.get(tx, input.id);
      if (input.url) endpoint.url = input.url;
      if (events) endpoint.events = events;
      if (input.isActive !== undefined && input.isActive !== null && input.isActive !== endpoint.isActive) {
        endpoint.isActive = input.isActive;
        endpoint.disabledReason = null;
        endpoint.failingSince = null;
      }
      audited(tx, 'webhook.endpoint_updated', endpoint);
      return endpoint;
    });
  }

  async delete(ctx: TenantContext, id: string): Promise<boolean> {
    return this.changing(ctx, async (tx) => {
      const endpoint = await this.get(tx, id);
      audited(tx, 'webhook.endpoint_deleted', endpoint);
      tx.em.remove(endpoint);
      return true;
    });
  }

  /**
   * A new secret; the previous one keeps signing for the overlap window (one
   * previous secret at a time). A current secret that does not open (docs/webhooks.md,
   * Secrets at rest) is dropped instead: kept, it would stop every delivery of the overlap.
   */
  async rotateSecret(ctx: TenantContext, id: string): Promise<EndpointWithSecret> {
    return this.changing(ctx, async (tx) => {
      const endpoint = await this.get(tx, id);
      const keep = opens(this.cipher, tx.tenantId, endpoint.secret);
      endpoint.previousSecret = keep ? endpoint.secret : null;
      endpoint.previousSecretExpiresAt = keep ? new Date(Date.now() + this.config.rotationOverlapSeconds * 1000) : null;
      const secret = newWebhookSecret();
      endpoint.secret = this.cipher.seal(tx.tenantId, secret);
      audited(tx, 'webhook.secret_rotated', endpoint);
      return { endpoint, secret };
    });
  }

  async deliveries(
    ctx: TenantContext,
    filter: { endpointId: string; status?: WebhookDeliveryStatus | null },
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    await this.get(ctx, filter.endpointId);
    const where = {
      tenant: ctx.tenantId,
      endpointId: filter.endpointId,
      ...(filter.status ? { status: filter.status } : {}),
    };
    return keysetPage(ctx.em, WebhookDelivery, where, { field: 'createdAt', direction: 'desc' }, page);
  }

  /** Sends a delivery again now, with a fresh run of retries; its endpoint must be active. */
  async redeliver(ctx: TenantContext, deliveryId: string): Promise<WebhookDelivery> {
    return inTransaction(ctx, async (tx) => {
      const delivery = isUuid(deliveryId)
        ? await tx.em.findOne(WebhookDelivery, { id: deliveryId, tenant: tx.tenantId })
        : null;
      if (!delivery) throw notFound('WebhookDelivery', deliveryId);
      const endpoint = await this.get(tx, delivery.endpointId);
      if (!endpoint.isActive) throw badInput('deliveryId', 'the endpoint is disabled: enable it first');
      const now = new Date();
      Object.assign(delivery, { status: WebhookDeliveryStatus.PENDING, firstAttemptAt: now, nextAttemptAt: now });
      await tx.em.flush();
      await tx.services.jobs.enqueue(tx, WEBHOOK_DELIVERY_JOB, { tenantId: tx.tenantId, deliveryId: delivery.id });
      return delivery;
    });
  }

  private async get(ctx: TenantContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = isUuid(id) ? await ctx.em.findOne(WebhookEndpoint, { id, tenant: ctx.tenantId }) : null;
    if (!endpoint) throw notFound('WebhookEndpoint', id);
    return endpoint;
  }

  /**
   * Runs an endpoint change with the tenant row locked (so concurrent changes
   * recompute `webhookEvents` one after the other), then recomputes it.
   */
  private changing<T>(ctx: TenantContext, work: (tx: TenantContext) => Promise<T>): Promise<T> {
    return inTransaction(ctx, async (tx) => {
      await query(tx.em, LOCK_TENANT, { tenant: tx.tenantId });
      const result = await work(tx);
      await tx.em.flush();
      await query(tx.em, SYNC_TENANT_WEBHOOK_EVENTS, { tenant: tx.tenantId });
      return result;
    });
  }
}

/** The subscribed types, deduplicated; BAD_USER_INPUT on `events` for an unknown one or none. */
function checkedEvents(events: readonly string[]): string[] {
  const unknown = events.filter((e) => !isKnownEventSelector(e));
  if (unknown.length) throw badInput('events', `unknown event type ${unknown.join(', ')}`);
  if (!events.length) throw badInput('events', 'subscribe to at least one event type');
  return [...new Set(events)];
}

/** An endpoint change in the audit log, in the change's transaction: where the business's data goes, never the secret. */
function audited(tx: TenantContext, type: AuditEventType, endpoint: WebhookEndpoint): void {
  tx.services.audit.record(tx, {
    type,
    subjectType: 'WebhookEndpoint',
    subjectId: endpoint.id,
    data: { url: endpoint.url, events: endpoint.events, isActive: endpoint.isActive },
  });
}
