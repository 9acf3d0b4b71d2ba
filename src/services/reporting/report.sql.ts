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

const inRanges = (column: string) =>
  `((${column} >= :r1lo and ${column} < :r1hi) or (${column} >= :r2lo and ${column} < :r2hi))`;

/**
 * The source rows inside a ReportWindows' windows (report-windows.ts), as
 * CTEs (docs/reports.md, "Which day"):
 * - `moved`: sales completed in a window with sign +1, and completed sales
 *   voided in a window with sign -1 (a void reduces the figures when it
 *   happens), each with `local_at` (the instant that counts, on its
 *   location's wall clock);
 * - `refunds`: COMPLETED refunds processed in a window of the location where
 *   they happened (a return without a receipt has no sale).
 * The global ranges let them use sales_report_completed_index,
 * sales_report_voided_index and sale_refunds_processed_index.
 */
export function sourceCtes(): string {
  return `
windows as (select * from jsonb_to_recordset(:windows::jsonb) as w(location_id uuid, tz text, lo timestamptz, hi timestamptz)),
moved as (
  select s.id, s.location_id, s.cashier_id, s.total_amount, s.subtotal, s.discount_amount, s.tax_amount, 1 as sign,
    s.completed_at at time zone w.tz as local_at
  from sales s join windows w on w.location_id = s.location_id and s.completed_at >= w.lo and s.completed_at < w.hi
  where s.tenant_id = :tenant and ${inRanges('s.completed_at')}
  union all
  select s.id, s.location_id, s.cashier_id, s.total_amount, s.subtotal, s.discount_amount, s.tax_amount, -1, s.voided_at at time zone w.tz
  from sales s join windows w on w.location_id = s.location_id and s.voided_at >= w.lo and s.voided_at < w.hi
  where s.tenant_id = :tenant and s.completed_at is not null and ${inRanges('s.voided_at')}
),
refunds as (
  select r.amount, r.method, r.processed_by_id, r.items, r.location_id, r.processed_at at time zone w.tz as local_at
  from sale_refunds r
  join windows w on w.location_id = r.location_id and r.processed_at >= w.lo and r.processed_at < w.hi
  where r.tenant_id = :tenant and r.status = 'COMPLETED' and ${inRanges('r.processed_at')}
)`;
}
