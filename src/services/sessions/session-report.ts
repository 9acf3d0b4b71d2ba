import { TenantContext } from '../../context';
import { CashMovement, PosSession } from '../../entities';
import { PosSessionStatus } from '../../entities/pos-session.entity';
import { movementTotals, SessionFigures, sessionFigures } from '../../money/session-figures';
import { loadSessionSaleFigures } from './session-sales';

export type ReportKind = 'X' | 'Z';

/** Cash movements of each session, oldest first (one query for all ids). */
export async function cashMovementsOf(
  ctx: TenantContext,
  sessionIds: readonly string[],
): Promise<Map<string, CashMovement[]>> {
  const rows = await ctx.em.find(
    CashMovement,
    { tenant: ctx.tenantId, session: { $in: [...sessionIds] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const bySession = new Map<string, CashMovement[]>(sessionIds.map((id) => [id, []]));
  for (const row of rows) bySession.get(row.session.id)?.push(row);
  return bySession;
}

/** The request's batched loader over cashMovementsOf (field resolvers of a session list). */
export function cashMovementLoader(ctx: TenantContext) {
  return ctx.loaders.get<string, CashMovement[]>('session-cash-movements', async (ids) => {
    const map = await cashMovementsOf(ctx, ids);
    return ids.map((id) => map.get(id) ?? []);
  });
}

function saleFiguresLoader(ctx: TenantContext) {
  return ctx.loaders.get('session-sale-figures', async (ids: readonly string[]) => {
    const map = await loadSessionSaleFigures(ctx, ids);
    return ids.map((id) => map.get(id)!);
  });
}

/**
 * Figures straight from the database on `ctx.em` (no loaders): what
 * closeSession uses inside its transaction, after locking the session.
 */
export async function freshFigures(ctx: TenantContext, session: PosSession): Promise<SessionFigures> {
  const [movements, sales] = await Promise.all([
    cashMovementsOf(ctx, [session.id]),
    loadSessionSaleFigures(ctx, [session.id]),
  ]);
  return sessionFigures(session.openingBalance, sales.get(session.id)!, movementTotals(movements.get(session.id)!));
}

/**
 * An X report (the figures so far; counted cash and variance null) or a Z
 * report (the closing figures: null while the session is open; expected cash,
 * count and variance as fixed at closing). Batched across sessions.
 */
export async function sessionReport(
  ctx: TenantContext,
  session: PosSession,
  kind: ReportKind,
): Promise<SessionFigures | null> {
  if (kind === 'Z' && session.status === PosSessionStatus.OPEN) return null;
  const [movements, sales] = await Promise.all([
    cashMovementLoader(ctx).load(session.id),
    saleFiguresLoader(ctx).load(session.id),
  ]);
  const figures = sessionFigures(session.openingBalance, sales, movementTotals(movements));
  if (kind === 'X') return figures;
  return {
    ...figures,
    expectedCash: session.expectedBalance ?? figures.expectedCash,
    countedCash: session.closingBalance ?? null,
    variance: session.variance ?? null,
  };
}
