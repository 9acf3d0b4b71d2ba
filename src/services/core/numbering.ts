import { TenantContext } from '../../context';
import { nextCounterValue } from './core.sql';

/**
 * The next number of a tenant's numbering series ("session", "sale:POS-001",
 * "refund"): 1, 2, 3, ... with no gaps. Must run inside `inTransaction`: the
 * counter row stays locked until that transaction ends, so concurrent callers
 * queue behind it, and a rollback gives the number back. The first call of a
 * series creates its row (an upsert, so two first callers cannot both start at 1).
 */
export async function nextNumber(ctx: TenantContext, series: string): Promise<number> {
  if (!ctx.afterCommit) throw new Error('nextNumber must run inside inTransaction (gapless numbering)');
  return nextCounterValue(ctx.em, ctx.tenantId, series);
}

/** `formatNumber('S', 42)` -> "S-000042" (wider once a series passes 999999). */
export function formatNumber(prefix: string, value: number, digits = 6): string {
  return `${prefix}-${String(value).padStart(digits, '0')}`;
}
