import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * Where a tenant wants its events POSTed, and the secrets that sign them.
 * During a rotation the previous secret keeps signing until
 * `previousSecretExpiresAt` (docs/webhooks.md, Rotation).
 */
@Entity({ tableName: 'webhook_endpoints' })
@TenantScoped()
@Index({ name: 'webhook_endpoints_tenant_created_idx', properties: ['tenant', 'createdAt'] })
export class WebhookEndpoint extends TenantOwned {
  @Property({ type: 'string', length: 2048 })
  url!: string;

  /** Event types subscribed to; `*` for all. */
  @Property({ type: 'text[]' })
  events: string[] = [];

  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Property({ type: 'boolean' })
  isActive: boolean = true;

  /** Why the system disabled it (failing for too long); null when active or disabled by a user. */
  @Property({ type: 'string', length: 500, nullable: true })
  disabledReason?: string | null;

  /** Sealed by SecretCipher (tenant-bound); the plain secret is shown once, on create and rotate. */
  @Property({ type: 'string', length: 255, hidden: true })
  secret!: string;

  @Property({ type: 'string', length: 255, nullable: true, hidden: true })
  previousSecret?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt?: Date | null;

  /** Start of the current run of failed attempts; null after a success. */
  @Property({ type: 'timestamptz', nullable: true })
  failingSince?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
