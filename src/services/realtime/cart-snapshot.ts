import type { TenantContext } from '../../context';
import { Sale, Tenant } from '../../entities';
import { SaleStatus } from '../../entities/sale-enums';
import { TENANT_FILTER } from '../../entities/tenant-scoped';
import { CartEvent, CustomerDisplay, toCustomerDisplay } from '../sales/cart/cart-events';

/** A snapshot's event: finished and parked carts keep theirs (the display acts on them), a live cart says RESYNC. */
const SNAPSHOT_EVENT: Partial<Record<SaleStatus, CartEvent>> = {
  [SaleStatus.COMPLETED]: 'COMPLETED',
  [SaleStatus.VOIDED]: 'VOIDED',
};

/**
 * What the terminal's display should show now: its most recently changed
 * sale as a CustomerDisplay (committedAt = when it last changed), or null
 * when the terminal has none. Read with a fresh fork (subscriptions live long).
 */
export async function currentCartDisplay(ctx: TenantContext, terminalId: string): Promise<CustomerDisplay | null> {
  const em = ctx.services.orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId: ctx.tenantId });
  const sale = await em.findOne(
    Sale,
    { tenant: ctx.tenantId, terminalId },
    { orderBy: { updatedAt: 'desc', id: 'desc' }, populate: ['items'] },
  );
  if (!sale) return null;
  const tenant = await em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const display = toCustomerDisplay(
    sale,
    sale.items.getItems(),
    tenant,
    SNAPSHOT_EVENT[sale.status] ?? (sale.parkedAt ? 'PARKED' : 'RESYNC'),
  );
  return { ...display, committedAt: sale.updatedAt.toISOString() };
}
