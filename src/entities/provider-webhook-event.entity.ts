import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * A provider's webhook event (Stripe `evt_...`, Square `event_id`) that was
 * verified and applied. Inserted in the transaction that applies it, so an
 * event delivered twice (providers retry) is applied once.
 */
@Entity({ tableName: 'provider_webhook_events' })
@TenantScoped()
@Unique({ properties: ['tenant', 'provider', 'eventId'] })
export class ProviderWebhookEvent extends TenantOwned {
  @Property({ type: 'string', length: 40 })
  provider!: string;

  @Property({ type: 'string', length: 255 })
  eventId!: string;

  /** The provider's event type, e.g. payment_intent.succeeded. */
  @Property({ type: 'string', length: 100 })
  type!: string;

  /** The payment it changed; null when no payment of ours matched. */
  @Property({ type: 'uuid', nullable: true })
  paymentId?: string | null;
}
