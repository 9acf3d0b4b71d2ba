import { EntityClass, FilterQuery, FindOptions } from '@mikro-orm/core';
import { TenantContext } from '../../context';
import { TenantOwned } from '../../entities/tenant-scoped';
import { isUuid } from './ids';

/**
 * The tenant's `entity` rows among `ids`, by id, in one query: an unknown,
 * malformed or other tenant's id is simply absent.
 */
export async function findByIds<T extends TenantOwned>(
  ctx: TenantContext,
  entity: EntityClass<T>,
  ids: Iterable<string>,
  options?: FindOptions<T>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)].filter(isUuid);
  const rows = unique.length
    ? await ctx.em.find(entity, { id: { $in: unique }, tenant: ctx.tenantId } as FilterQuery<T>, options)
    : [];
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The request's DataLoader of `entity` rows by id, tenant-scoped (an id of
 * another tenant loads as null): one query per batch for to-one fields.
 */
export function byIdLoader<T extends TenantOwned>(ctx: TenantContext, entity: EntityClass<T>) {
  return ctx.loaders.get<string, T | null>(`by-id:${entity.name}`, async (ids) => {
    const byId = await findByIds(ctx, entity, ids);
    return ids.map((id) => byId.get(id) ?? null);
  });
}
