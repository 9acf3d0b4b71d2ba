import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import { CART_STATUSES } from '../../../entities/sale-enums';
import { isUuid } from '../../core/ids';

/** How many parked carts one parkedCarts call returns (oldest first). */
export const MAX_PARKED_CARTS = 200;

/** The sale (any status) with its lines, or null (also for another tenant's id). */
export async function findCart(ctx: TenantContext, id: string): Promise<Sale | null> {
  if (!isUuid(id)) return null;
  return ctx.em.findOne(Sale, { id, tenant: ctx.tenantId }, { populate: ['items'] });
}

/** Parked carts of the tenant, oldest first, optionally of one terminal and/or location. */
export async function parkedCarts(
  ctx: TenantContext,
  filter: { terminalId?: string | null; locationId?: string | null },
): Promise<Sale[]> {
  if (
    (filter.terminalId != null && !isUuid(filter.terminalId)) ||
    (filter.locationId != null && !isUuid(filter.locationId))
  )
    return [];
  return ctx.em.find(
    Sale,
    {
      tenant: ctx.tenantId,
      status: { $in: [...CART_STATUSES] },
      parkedAt: { $ne: null },
      ...(filter.terminalId != null ? { terminalId: filter.terminalId } : {}),
      ...(filter.locationId != null ? { locationId: filter.locationId } : {}),
    },
    { populate: ['items'], orderBy: { parkedAt: 'asc', id: 'asc' }, limit: MAX_PARKED_CARTS },
  );
}
