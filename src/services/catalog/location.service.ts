import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';
import { Location, Tenant } from '../../entities';
import { notFound } from '../../errors';
import { isUuid } from '../core/ids';
import { inTransaction } from '../core/transaction';

export interface CreateLocationInput {
  name: string;
  code: string;
  timezone?: string;
}

/** Stores and warehouses of the caller's tenant. */
export class LocationService {
  /** Creates a location; a code already used in the tenant is BAD_USER_INPUT on `code`. */
  async create(ctx: TenantContext, input: CreateLocationInput): Promise<Location> {
    return inTransaction(ctx, async (tx) => {
      const tenant = await tx.em.findOneOrFail(Tenant, { id: tx.tenantId });
      const location = tx.em.create(Location, {
        id: randomUUID(),
        tenant,
        name: input.name.trim(),
        code: input.code.trim().toUpperCase(),
        timezone: input.timezone ?? tenant.timezone,
        isActive: true,
        createdAt: new Date(),
      });
      await tx.em.flush();
      return location;
    });
  }

  /** The tenant's locations, by code. */
  list(ctx: TenantContext, includeInactive = false): Promise<Location[]> {
    return ctx.em.find(
      Location,
      { tenant: ctx.tenantId, ...(includeInactive ? {} : { isActive: true }) },
      { orderBy: { code: 'asc' } },
    );
  }

  /** The location, or NOT_FOUND (also for another tenant's id). */
  async get(ctx: TenantContext, id: string): Promise<Location> {
    const location = isUuid(id) ? await ctx.em.findOne(Location, { id, tenant: ctx.tenantId }) : null;
    if (!location) throw notFound('Location', id);
    return location;
  }
}
