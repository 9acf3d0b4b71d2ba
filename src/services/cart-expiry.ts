import { randomUUID } from 'node:crypto';
import { TenantContext } from '../context';
import { TENANT_FILTER } from '../entities/tenant-scoped';
import { Loaders } from '../loaders';
import type { AppServices } from './app-services';

/** Carts handled per call; the job runs again for the rest. */
const BATCH = 500;

/**
 * For the job runner: voids ("expired") every unpaid DRAFT/PENDING cart whose
 * `expiresAt` (parked carts: parkedAt + the tenant's parkedCartExpiryHours)
 * is at or before `now`, and gives its reserved units back through the stock
 * service. One transaction per cart, its row locked and the condition checked
 * again under the lock, so a cart edited meanwhile (expiry refreshed) is left
 * alone. Idempotent. Returns how many carts it expired.
 */
export async function expireCarts(services: AppServices, now: Date = new Date()): Promise<number> {
  const due = await services.orm.em.fork().execute<Array<{ id: string; tenant_id: string; cashier_id: string }>>(
    `select id, tenant_id, cashier_id from sales
     where status in ('DRAFT', 'PENDING') and paid_amount = 0 and expires_at <= ?
     order by expires_at, id limit ${BATCH}`,
    [now],
  );
  let expired = 0;
  for (const cart of due) {
    if (await services.carts.expire(jobContext(services, cart.tenant_id, cart.cashier_id), cart.id, now)) expired++;
  }
  return expired;
}

/**
 * A tenant-scoped context for job work on a cart. The actor is the cart's
 * cashier without any role: the stock service needs a tenant context, and
 * nothing here records the actor (an expired cart has no voidedBy).
 */
function jobContext(services: AppServices, tenantId: string, cashierId: string): TenantContext {
  const em = services.orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return {
    requestId: `expire-carts:${randomUUID()}`,
    em,
    tenantId,
    actor: { kind: 'user', userId: cashierId, roles: [] },
    permissions: new Set(),
    loaders: new Loaders(),
    log: services.log,
    services,
  };
}
