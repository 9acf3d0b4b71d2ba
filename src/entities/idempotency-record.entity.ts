import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import type { JsonObject } from '../canonical-json';

/**
 * The first outcome of a mutation called with an idempotency key. Written in
 * the same transaction as the mutation's effect, so a committed effect always
 * has its record and a rolled-back one leaves none. Keys are scoped per tenant
 * (docs/api.md); the operation is kept to reject a key reused for another mutation.
 */
@Entity({ tableName: 'idempotency_records' })
@TenantScoped()
@Unique({ properties: ['tenant', 'key'] })
export class IdempotencyRecord extends TenantOwned {
  @Property({ type: 'string', length: 100 })
  key!: string;

  /** The mutation, e.g. "addPayment". */
  @Property({ type: 'string', length: 60 })
  operation!: string;

  /** sha256 (hex) of the canonical JSON of the request's input. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** What the first call returned (ids: the caller reloads current state from them). */
  @Property({ type: 'jsonb' })
  response!: JsonObject;
}
