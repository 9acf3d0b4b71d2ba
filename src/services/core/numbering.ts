import { TenantContext } from '../../context';
import { advanceCounter, counterValue, nextCounterValue, startCounter } from './core.sql';

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

/** The next refund number, "R-000001": one gapless series for refunds, returns and exchanges alike. */
export async function nextRefundNumber(ctx: TenantContext): Promise<string> {
  return formatNumber('R', await nextNumber(ctx, 'refund'));
}

/**
 * Takes `first` .. `first + count - 1` as the series' next numbers only if
 * `first` is exactly the next (the counter holds `first - 1`, or the series
 * is new and `first` is 1): for a writer that numbers its own documents (an
 * offline register), one statement for a run of them. Same locking as
 * `nextNumber`. Out of sequence: nothing claimed, with the number the series
 * expects next.
 */
export async function claimNumbers(
  ctx: TenantContext,
  series: string,
  first: number,
  count: number,
): Promise<{ claimed: true } | { claimed: false; expected: number }> {
  if (!ctx.afterCommit) throw new Error('claimNumbers must run inside inTransaction (gapless numbering)');
  const last = first + count - 1;
  if (await advanceCounter(ctx.em, ctx.tenantId, series, first - 1, last)) return { claimed: true };
  if (first === 1 && (await startCounter(ctx.em, ctx.tenantId, series, last))) return { claimed: true };
  return { claimed: false, expected: (await lastNumber(ctx, series)) + 1 };
}

/** The last number taken in the series (0 when none). */
export async function lastNumber(ctx: TenantContext, series: string): Promise<number> {
  return (await counterValue(ctx.em, ctx.tenantId, series)) ?? 0;
}

/**
 * `lastNumber` with the counter row locked until the transaction ends: for a
 * writer that numbers its own documents and checks them against it first. A
 * transaction still writing numbers of the series is waited for, so the
 * value read is the one the next claim will find; a series without a row
 * yet is started at 0, so that there is a row to wait on.
 */
export async function lockLastNumber(ctx: TenantContext, series: string): Promise<number> {
  if (!ctx.afterCommit) throw new Error('lockLastNumber must run inside inTransaction (gapless numbering)');
  const locked = await counterValue(ctx.em, ctx.tenantId, series, 'for update');
  if (locked !== undefined) return locked;
  await startCounter(ctx.em, ctx.tenantId, series, 0);
  return (await counterValue(ctx.em, ctx.tenantId, series, 'for update')) ?? 0;
}
