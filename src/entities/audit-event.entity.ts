import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * One security-relevant fact: who did what to which row, when, from which
 * request. Append-only; written in the transaction of the change it records
 * (a failed login, which changes nothing, is written on its own).
 */
@Entity({ tableName: 'audit_events' })
@TenantScoped()
@Index({ properties: ['tenant', 'createdAt'] })
export class AuditEvent extends TenantOwned {
  @Property({ type: 'string', length: 60 })
  type!: string;

  /** The user or device token that acted; null when unknown (a login with an unknown email). */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  actorKind?: 'user' | 'device' | null;

  @Property({ type: 'string', length: 40, nullable: true })
  subjectType?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  subjectId?: string | null;

  @Property({ type: 'string', length: 100 })
  requestId!: string;

  @Property({ type: 'jsonb', default: '{}' })
  data: Record<string, unknown> = {};
}
