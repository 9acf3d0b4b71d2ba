import { Filter, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Tenant } from './tenant.entity';

export const TENANT_FILTER = 'tenant';

/**
 * Scopes every read of the entity to the request's tenant. The filter is on by
 * default and needs `tenantId`: an EntityManager that was not given a tenant
 * fails loudly instead of reading across tenants. System work (jobs, login)
 * turns it off explicitly with `filters: { tenant: false }`.
 */
export function TenantScoped(): ClassDecorator {
  return Filter({
    name: TENANT_FILTER,
    cond: (args: { tenantId: string }) => ({ tenant: args.tenantId }),
    default: true,
  }) as ClassDecorator;
}

/** Columns every tenant-owned row carries: a uuid id and its tenant. */
export abstract class TenantOwned {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { ref: true, deleteRule: 'cascade', index: true })
  tenant!: Ref<Tenant>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
