import { TenantContext } from '../context';
import type { PosSession } from '../entities/pos-session.entity';
import { NO_SALES, SaleFigures } from './session-figures';

/*
 * ---------------------------------------------------------------------------
 * CHECKOUT MODULE: FILL IN THIS FILE.
 * Everything a cash session needs to know about sales lives here, so the sales
 * tables plug into sessions in one place. Until they exist, sessions have no
 * sales: the X/Z reports show zero sale figures and expected cash is
 * opening + pay-ins - pay-outs.
 * ---------------------------------------------------------------------------
 */

/**
 * The sale-derived figures of each session in `sessionIds` (every id gets an
 * entry), tenant-scoped (`tenant_id = ctx.tenantId` in the query). To fill in:
 * - salesCount, grossSales (subtotal), discounts, tax: completed sales of the session
 *   (voided ones excluded);
 * - netByPaymentMethod: COMPLETED payments of those sales by method, minus
 *   refunds paid by that method in the session;
 * - refunds: refunds recorded in the session (their `sessionId`), any method;
 * - cashSales: CASH payments' `amount` (applied, not received: change is not kept);
 * - cashRefunds: CASH refunds recorded in the session.
 * Runs on `ctx.em` (inside closeSession's transaction it sees that transaction).
 */
export async function loadSessionSaleFigures(
  _ctx: TenantContext,
  sessionIds: readonly string[],
): Promise<Map<string, SaleFigures>> {
  return new Map(sessionIds.map((id) => [id, NO_SALES]));
}

/**
 * A cart of the session with items or payments that is not parked,
 * completed or voided blocks closing: its id (closeSession answers CONFLICT
 * naming it), or null when the session may close. Called inside
 * closeSession's transaction with the session row locked (cart mutations hold
 * it FOR SHARE, so none is half-way).
 */
export async function findUnfinishedCart(ctx: TenantContext, session: PosSession): Promise<string | null> {
  const [row] = await ctx.em.execute<Array<{ id: string }>>(
    `select s.id from sales s
     where s.tenant_id = ? and s.session_id = ? and s.status in ('DRAFT', 'PENDING', 'PARTIALLY_PAID') and s.parked_at is null
       and (s.paid_amount > 0 or exists (select 1 from sale_items i where i.tenant_id = s.tenant_id and i.sale_id = s.id))
     order by s.created_at, s.id limit 1`,
    [ctx.tenantId, session.id],
  );
  return row?.id ?? null;
}
