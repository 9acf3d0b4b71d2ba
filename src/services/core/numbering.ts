import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';

/**
 * The next number of a tenant's numbering series ("session", "sale:POS-001",
 * "refund"): 1, 2, 3, ... with no gaps. Must run inside `inTransaction`: the
 * counter row stays locked until that transaction ends, so concurrent callers
 * queue behind it, and a rollback gives the number back. The first call of a
 * series creates its row (an upsert, so two first callers cannot both start at 1).
 */
export async function nextNumber(ctx: TenantContext, series: string): Promise<number> {
  if (!ctx.afterCommit) throw new Error('nextNumber must run inside inTransaction (gapless numbering)');
  const rows = await ctx.em.execute<Array<{ last_value: number }>>(
    `insert into document_counters (id, tenant_id, series, last_value) values (?, ?, ?, 1)
     on conflict (tenant_id, series) do update set last_value = document_counters.last_value + 1
     returning last_value`,
    [randomUUID(), ctx.tenantId, series],
  );
  return Number(rows[0].last_value);
}

/** `formatNumber('S', 42)` -> "S-000042" (wider once a series passes 999999). */
export function formatNumber(prefix: string, value: number, digits = 6): string {
  return `${prefix}-${String(value).padStart(digits, '0')}`;
}

/**
 * Takes `value` as the series' next number only if it is exactly the next
 * (the counter holds `value - 1`, or the series is new and `value` is 1):
 * for a writer that numbers its own documents (an offline register). Same
 * locking as `nextNumber`. Returns null when the number is out of sequence,
 * with the number the series expects next.
 */
export async function claimNumber(
  ctx: TenantContext,
  series: string,
  value: number,
): Promise<{ claimed: true } | { claimed: false; expected: number }> {
  if (!ctx.afterCommit) throw new Error('claimNumber must run inside inTransaction (gapless numbering)');
  const updated = await ctx.em.execute<Array<{ last_value: number }>>(
    `update document_counters set last_value = ? where tenant_id = ? and series = ? and last_value = ? returning last_value`,
    [value, ctx.tenantId, series, value - 1],
  );
  if (updated.length) return { claimed: true };
  if (value === 1) {
    const inserted = await ctx.em.execute<Array<{ last_value: number }>>(
      `insert into document_counters (id, tenant_id, series, last_value) values (?, ?, ?, 1)
       on conflict (tenant_id, series) do nothing returning last_value`,
      [randomUUID(), ctx.tenantId, series],
    );
    if (inserted.length) return { claimed: true };
  }
  return { claimed: false, expected: (await lastNumber(ctx, series)) + 1 };
}

/** The last number taken in the series (0 when none). */
export async function lastNumber(ctx: TenantContext, series: string): Promise<number> {
  const rows = await ctx.em.execute<Array<{ last_value: number }>>(
    'select last_value from document_counters where tenant_id = ? and series = ?',
    [ctx.tenantId, series],
  );
  return rows.length ? Number(rows[0].last_value) : 0;
}
