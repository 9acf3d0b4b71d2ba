import { Entity, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { Tenant } from './tenant.entity';

/**
 * A PostgreSQL role made for a BI tool by `npm run bi:grant`, bound to the
 * one tenant whose rows the `reporting` views show it (docs/reports.md).
 * In its own schema, which BI roles cannot read.
 */
@Entity({ tableName: 'bi_roles', schema: 'reporting_access' })
export class BiRole {
  @PrimaryKey({ type: 'string', length: 63 })
  roleName!: string;

  @ManyToOne(() => Tenant, { ref: true, deleteRule: 'cascade' })
  tenant!: Ref<Tenant>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
