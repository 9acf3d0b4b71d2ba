import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * One thing that happened, written in the transaction of its cause; `body`
 * is the exact JSON text every delivery of it sends (and signs).
 */
@Entity({ tableName: 'webhook_events' })
@TenantScoped()
@Index({ name: 'webhook_events_created_idx', properties: ['createdAt'] })
export class WebhookEvent extends TenantOwned {
  @Property({ type: 'string', length: 60 })
  type!: string;

  @Property({ type: 'text' })
  body!: string;
}
