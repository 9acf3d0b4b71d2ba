import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** One try to POST the event: when, what came back, how long it took. */
export interface WebhookAttempt {
  at: string;
  statusCode: number | null;
  durationMs: number;
  /** The start of the response body, or the network error. */
  responseExcerpt: string;
}

/** One event to one endpoint, with every attempt made (bounded: docs/webhooks.md). */
@Entity({ tableName: 'webhook_deliveries' })
@TenantScoped()
@Index({ name: 'webhook_deliveries_endpoint_created_idx', properties: ['endpointId', 'createdAt'] })
// The retention job's way to old rows (created_at never changes: updates stay cheap).
@Index({ name: 'webhook_deliveries_created_idx', properties: ['createdAt'] })
export class WebhookDelivery extends TenantOwned {
  @ManyToOne(() => WebhookEndpoint, { mapToPk: true, fieldName: 'endpoint_id', deleteRule: 'cascade' })
  endpointId!: string;

  @ManyToOne(() => WebhookEvent, { mapToPk: true, fieldName: 'event_id', deleteRule: 'cascade', index: true })
  eventId!: string;

  @Property({ type: 'string', length: 60 })
  eventType!: string;

  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status' })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'json' })
  attempts: WebhookAttempt[] = [];

  /** When the current run of attempts started (a redelivery starts a new one): its 3 days count from here. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  firstAttemptAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
