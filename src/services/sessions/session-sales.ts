import { TenantContext } from '../../context';
import type { PosSession } from '../../entities/pos-session.entity';
import Decimal from 'decimal.js';
import { dec, ZERO } from '../../money/decimal';
import { NO_SALES, SaleFigures } from '../../money/session-figures';
import { MethodRow, paymentsBySession, refundsBySession, salesBySession, unfinishedCartId } from './session.sql';

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
  // One after another: inside closeSession's transaction they share one connection.
  const sales = await salesBySession(ctx.em, ctx.tenantId, sessionIds);
  const payments = await paymentsBySession(ctx.em, ctx.tenantId, sessionIds);
  const refunds = await refundsBySession(ctx.em, ctx.tenantId, sessionIds);
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

/**
 * A cart of the session with items or payments that is not parked,
 * completed or voided blocks closing: its id (closeSession answers CONFLICT
 * naming it), or null when the session may close. Called inside
 * closeSession's transaction with the session row locked (cart mutations hold
 * it FOR SHARE, so none is half-way).
 */
export async function findUnfinishedCart(ctx: TenantContext, session: PosSession): Promise<string | null> {
  return unfinishedCartId(ctx.em, ctx.tenantId, session.id);
}
