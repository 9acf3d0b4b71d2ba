import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, query } from '../core/sql';

/** The statements sessions run against the sales tables (session-sales.ts). */

export interface MethodRow {
  session_id: string;
  method: string;
  amount: string;
}

const FIGURE_STATUSES = `('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')`;

/** Completed sales per session (refunded ones included, voided ones not): count, gross, discounts, tax. */
export function salesBySession(em: EntityManager, tenant: string, sessionIds: readonly string[]) {
  return query<{ session_id: string; sales: number; gross: string; discounts: string; tax: string }>(
    em,
    `select session_id, count(*)::int as sales, sum(subtotal) as gross, sum(discount_amount) as discounts, sum(tax_amount) as tax
     from sales where tenant_id = :tenant and session_id = any(:sessions::uuid[]) and status in ${FIGURE_STATUSES}
     group by session_id`,
    { tenant, sessions: pgArray(sessionIds) },
  );
}

/** Payments applied in each session per method: not FAILED, not reversed by a void. */
export function paymentsBySession(em: EntityManager, tenant: string, sessionIds: readonly string[]) {
  return query<MethodRow>(
    em,
    `select session_id, method, sum(amount) as amount from sale_payments
     where tenant_id = :tenant and session_id = any(:sessions::uuid[]) and status in ${FIGURE_STATUSES} and voided_at is null
     group by session_id, method`,
    { tenant, sessions: pgArray(sessionIds) },
  );
}

/** Refunds paid from each session per method. */
export function refundsBySession(em: EntityManager, tenant: string, sessionIds: readonly string[]) {
  return query<MethodRow>(
    em,
    `select session_id, method, sum(amount) as amount from sale_refunds
     where tenant_id = :tenant and session_id = any(:sessions::uuid[]) group by session_id, method`,
    { tenant, sessions: pgArray(sessionIds) },
  );
}

/** The oldest cart of the session with items or payments that is not parked, or none. */
export async function unfinishedCartId(em: EntityManager, tenant: string, session: string): Promise<string | null> {
  const [row] = await query<{ id: string }>(
    em,
    `select s.id from sales s
     where s.tenant_id = :tenant and s.session_id = :session and s.status in ('DRAFT', 'PENDING', 'PARTIALLY_PAID')
       and s.parked_at is null
       and (s.paid_amount > 0 or exists (select 1 from sale_items i where i.tenant_id = s.tenant_id and i.sale_id = s.id))
     order by s.created_at, s.id limit 1`,
    { tenant, session },
  );
  return row?.id ?? null;
}
