import { jobContext } from './job-context';
import { query } from '../services/core/sql';
import { DUE_EXPIRED_CARTS } from './jobs.sql';
import type { AppServices } from '../services';

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
  const due = await query<{ id: string; tenant_id: string; cashier_id: string }>(
    services.orm.em.fork(),
    DUE_EXPIRED_CARTS,
    { now, limit: BATCH },
  );
  let expired = 0;
  for (const cart of due) {
    // acting for the cart's cashier (no role); an expired cart records no voidedBy
    const ctx = jobContext(services, 'expire-carts', cart.tenant_id, cart.cashier_id);
    if (await services.carts.expire(ctx, cart.id, now)) expired++;
  }
  return expired;
}
