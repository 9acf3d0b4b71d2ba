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

/**
 * Per location of the scope: its zone, the whole local days [first_day,
 * last_day) inside [from, to) and the instants they start and end at.
 */
export function wholeLocalDays(em: EntityManager, scope: ReportScope) {
  return query<{
    location_id: string;
    tz: string;
    first_day: string;
    last_day: string;
    whole_start: Date;
    whole_end: Date;
  }>(
    em,
    `select l.id as location_id, l.timezone as tz, to_char(d.first_day, 'YYYY-MM-DD') as first_day, to_char(d.last_day, 'YYYY-MM-DD') as last_day,
       d.first_day::timestamp at time zone l.timezone as whole_start, d.last_day::timestamp at time zone l.timezone as whole_end
     from locations l cross join lateral (
       select case when (:from::timestamptz at time zone l.timezone)::date::timestamp at time zone l.timezone = :from::timestamptz
           then (:from::timestamptz at time zone l.timezone)::date else (:from::timestamptz at time zone l.timezone)::date + 1 end as first_day,
         (:to::timestamptz at time zone l.timezone)::date as last_day
     ) d
     where l.tenant_id = :tenant ${scope.locationId ? 'and l.id = :location' : ''}`,
    scopeParams(scope),
  );
}
