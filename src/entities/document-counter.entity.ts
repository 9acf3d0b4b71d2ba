import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * The last number handed out in one numbering series of a tenant ("session",
 * "sale:POS-001", "refund"). Incremented inside the transaction that uses the
 * number, so a rollback gives it back: series stay gapless.
 */
@Entity({ tableName: 'document_counters' })
@TenantScoped()
@Unique({ properties: ['tenant', 'series'] })
export class DocumentCounter extends TenantOwned {
  @Property({ type: 'string', length: 60 })
  series!: string;

  @Property({ type: 'integer' })
  lastValue!: number;
}
