import { EntityClass, FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '../../context';
import { TenantOwned } from '../../entities/tenant-scoped';

/**
 * The request's DataLoader of `entity` rows by id, tenant-scoped (an id of
 * another tenant loads as null): one query per batch for to-one fields.
 */
export function byIdLoader<T extends TenantOwned>(ctx: TenantContext, entity: EntityClass<T>) {
  return ctx.loaders.get<string, T | null>(`by-id:${entity.name}`, async (ids) => {
    const rows = await ctx.em.find(entity, { id: { $in: [...ids] }, tenant: ctx.tenantId } as FilterQuery<T>);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
