import type { EntityManager } from '@mikro-orm/postgresql';
import { RoundingMode } from '../../entities/enums';
import { query } from '../core/sql';

/** The reports' common inputs once checked (report-range.ts). */
export interface ReportScope {
  tenantId: string;
  from: Date;
  to: Date;
  /** null: every location of the tenant. */
  locationId: string | null;
}

export function scopeParams(scope: ReportScope): Record<string, unknown> {
  return { tenant: scope.tenantId, from: scope.from, to: scope.to, location: scope.locationId };
}

/**
 * Where sourceCtes' windows come from: CTEs that define `windows` (rows of
 * location_id, tz, lo, hi), and the two global ranges that hold every window
 * as SQL expressions ([lo1, hi1, lo2, hi2]).
 */
export interface WindowSource {
  ctes: string;
  ranges: [string, string, string, string];
}

/** Windows passed as parameters (report-windows.ts windowParams): a recompute's day, a rebuild's whole history. */
export const GIVEN_WINDOWS: WindowSource = {
  ctes: `windows as (select * from jsonb_to_recordset(:windows::jsonb) as w(location_id uuid, tz text, lo timestamptz, hi timestamptz))`,
  ranges: [':r1lo::timestamptz', ':r1hi::timestamptz', ':r2lo::timestamptz', ':r2hi::timestamptz'],
};

/**
 * The source rows inside the windows of `source`, as CTEs (docs/reports.md,
 * "Which day"):
 * - `moved`: sales completed in a window with sign +1, and completed sales
 *   voided in a window with sign -1 (a void reduces the figures when it
 *   happens), each with `local_at` (the instant that counts, on its
 *   location's wall clock);
 * - `refunds`: COMPLETED refunds processed in a window of the location where
 *   they happened (a return without a receipt has no sale).
 * Each first reads every row inside the two global ranges (the time
 * indexes sales_report_completed_index, sales_report_voided_index,
 * sale_refunds_processed_index), MATERIALIZED so the planner cannot turn
 * the match to each location's window into a per-window probe of another
 * index (it did, with the windows computed in SQL: 5x slower); then matches
 * those few rows to their own location's window.
 */
export function sourceCtes(source: WindowSource): string {
  const [lo1, hi1, lo2, hi2] = source.ranges;
  const inRanges = (column: string) =>
    `((${column} >= ${lo1} and ${column} < ${hi1}) or (${column} >= ${lo2} and ${column} < ${hi2}))`;
  const sale = 's.id, s.location_id, s.cashier_id, s.total_amount, s.subtotal, s.discount_amount, s.tax_amount';
  return `
${source.ctes},
completed_in_ranges as materialized (
  select ${sale}, s.completed_at as at from sales s where s.tenant_id = :tenant and ${inRanges('s.completed_at')}
),
voided_in_ranges as materialized (
  select ${sale}, s.voided_at as at from sales s
  where s.tenant_id = :tenant and s.completed_at is not null and ${inRanges('s.voided_at')}
),
refunds_in_ranges as materialized (
  select r.amount, r.method, r.processed_by_id, r.items, r.location_id, r.processed_at as at from sale_refunds r
  where r.tenant_id = :tenant and r.status = 'COMPLETED' and ${inRanges('r.processed_at')}
),
moved as (
  select ${sale}, 1 as sign, s.at at time zone w.tz as local_at
  from completed_in_ranges s join windows w on w.location_id = s.location_id and s.at >= w.lo and s.at < w.hi
  union all
  select ${sale}, -1, s.at at time zone w.tz
  from voided_in_ranges s join windows w on w.location_id = s.location_id and s.at >= w.lo and s.at < w.hi
),
refunds as (
  select r.amount, r.method, r.processed_by_id, r.items, r.location_id, r.at at time zone w.tz as local_at
  from refunds_in_ranges r join windows w on w.location_id = r.location_id and r.at >= w.lo and r.at < w.hi
)`;
}

/** The tenant's currency and rounding mode, which every report's money follows. */
export async function tenantMoneyRow(em: EntityManager, tenant: string) {
  const [row] = await query<{ currency: string; rounding_mode: RoundingMode }>(
    em,
    'select currency, rounding_mode from tenants where id = :tenant',
    { tenant },
  );
  return row;
}

/** Every location of the tenant with its time zone. */
export function locationZones(em: EntityManager, tenant: string) {
  return query<{ id: string; tz: string }>(em, 'select id, timezone as tz from locations where tenant_id = :tenant', {
    tenant,
  });
}
