import { EntityManager } from '@mikro-orm/postgresql';
import { recomputeDailySummary } from './daily-summary';
import { query } from './report-sql';

/**
 * Every (tenant, location, local date) with a completion, void or refund in
 * the last `hours`, across tenants: the days a lost or expired
 * `update-daily-summary` job may have left stale.
 */
const RECENT_DAYS = `
  select distinct d.tenant_id, d.location_id, to_char(d.date, 'YYYY-MM-DD') as date from (
    select s.tenant_id, s.location_id, (t.at at time zone l.timezone)::date as date
    from sales s join locations l on l.id = s.location_id and l.tenant_id = s.tenant_id
    cross join lateral (select s.completed_at as at union all select s.voided_at) t
    where t.at >= now() - make_interval(hours => :hours) and s.completed_at is not null
    union all
    select s.tenant_id, s.location_id, (r.processed_at at time zone l.timezone)::date
    from sale_refunds r join sales s on s.id = r.sale_id and s.tenant_id = r.tenant_id
    join locations l on l.id = s.location_id and l.tenant_id = s.tenant_id
    where r.processed_at >= now() - make_interval(hours => :hours)
  ) d order by 1, 2, 3`;

/**
 * Recomputes the summary rows of every recent day from the source tables
 * (the `reconcile-daily-summaries` cron), so a row left stale by a job that
 * died with its worker is corrected on schedule, without waiting for the
 * next sale. Each day is one idempotent statement on its own; returns how
 * many were recomputed.
 */
export async function reconcileRecentDailySummaries(em: EntityManager, hours: number): Promise<number> {
  const days = await query<{ tenant_id: string; location_id: string; date: string }>(em, RECENT_DAYS, { hours });
  for (const day of days) await recomputeDailySummary(em, day.tenant_id, day.location_id, day.date);
  return days.length;
}
