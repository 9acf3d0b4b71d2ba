import { TenantContext } from '../../context';
import type { PosSession } from '../../entities/pos-session.entity';
import Decimal from 'decimal.js';
import { dec, ZERO } from '../../money/decimal';
import { NO_SALES, SaleFigures } from '../../money/session-figures';

/*
 * Everything a cash session needs to know about sales lives here, so the sales
 * tables plug into sessions in one place (filled by the checkout module,
 * docs/checkout.md "Session figures").
 */

/**
 * The sale-derived figures of each session in `sessionIds` (every id gets an
 * entry), tenant-scoped, three grouped queries whatever the number of ids:
 * - salesCount, grossSales (subtotal), discounts, tax: completed sales of the
 *   session, refunded ones included, voided ones excluded;
 * - cashSales and netByPaymentMethod: payments applied in the session (their
 *   `session_id`: the amount applied, not received), FAILED ones and those
 *   reversed by a void excluded; a method's net is less its refunds paid in
 *   the session;
 * - refunds, cashRefunds: refunds paid from the session (their `session_id`).
 * Runs on `ctx.em` (inside closeSession's transaction it sees that transaction).
 */
export async function loadSessionSaleFigures(
  ctx: TenantContext,
  sessionIds: readonly string[],
): Promise<Map<string, SaleFigures>> {
  const figures = new Map<string, SaleFigures>(sessionIds.map((id) => [id, { ...NO_SALES, netByPaymentMethod: [] }]));
  if (!sessionIds.length) return figures;
  const ids = sessionIds.map(() => '?').join(', ');
  // One after another: inside closeSession's transaction they share one connection.
  const sales = await ctx.em.execute<
    Array<{ session_id: string; sales: number; gross: string; discounts: string; tax: string }>
  >(
    `select session_id, count(*)::int as sales, sum(subtotal) as gross, sum(discount_amount) as discounts, sum(tax_amount) as tax
       from sales where tenant_id = ? and session_id in (${ids}) and status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
       group by session_id`,
    [ctx.tenantId, ...sessionIds],
  );
  const payments = await ctx.em.execute<MethodRow[]>(
    `select session_id, method, sum(amount) as amount from sale_payments
       where tenant_id = ? and session_id in (${ids}) and status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED') and voided_at is null
       group by session_id, method`,
    [ctx.tenantId, ...sessionIds],
  );
  const refunds = await ctx.em.execute<MethodRow[]>(
    `select session_id, method, sum(amount) as amount from sale_refunds
       where tenant_id = ? and session_id in (${ids}) group by session_id, method`,
    [ctx.tenantId, ...sessionIds],
  );
  for (const row of sales) {
    Object.assign(figures.get(row.session_id)!, {
      salesCount: Number(row.sales),
      grossSales: dec(row.gross),
      discounts: dec(row.discounts),
      tax: dec(row.tax),
    });
  }
  const net = new Map<string, Map<string, Decimal>>();
  const add = (row: MethodRow, sign: 1 | -1) => {
    const bySession = net.get(row.session_id) ?? new Map<string, Decimal>();
    bySession.set(row.method, (bySession.get(row.method) ?? ZERO).plus(dec(row.amount).times(sign)));
    net.set(row.session_id, bySession);
  };
  for (const row of payments) {
    add(row, 1);
    if (row.method === 'CASH') figures.get(row.session_id)!.cashSales = dec(row.amount);
  }
  for (const row of refunds) {
    add(row, -1);
    const f = figures.get(row.session_id)!;
    f.refunds = f.refunds.plus(row.amount);
    if (row.method === 'CASH') f.cashRefunds = dec(row.amount);
  }
  for (const [sessionId, byMethod] of net) {
    figures.get(sessionId)!.netByPaymentMethod = [...byMethod]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([method, amount]) => ({ method, amount }));
  }
  return figures;
}

interface MethodRow {
  session_id: string;
  method: string;
  amount: string;
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
