import { WindowSource } from './report.sql';

/**
 * How a report's range [:from, :to) splits, computed inside the report's own
 * statement (docs/reports.md, "How a range splits"), per location of the
 * scope (:location, or every one of the tenant when null):
 * - `split`: the whole local days [first_day, last_day); inside them, when
 *   the report can read months, the whole local months [first_month,
 *   last_month) (else both are first_day: no month); and the instants the
 *   whole days start and end at (both :to when there is no whole day);
 * - `windows`: the partial first and last day, read from the source rows;
 * - `day_spans`: the whole days outside the whole months, read from the day
 *   summaries (the whole months come from the monthly rollups);
 * - `bounds`: the extremes of all of those over the locations, which the
 *   statement repeats as plain range conditions so that the planner uses the
 *   time and date indexes (each row is then matched to its own location).
 */
export function splitCtes(months: boolean): string {
  return `
split as (
  select l.id as location_id, l.timezone as tz, d.first_day, d.last_day, m.first_month, m.last_month,
    case when d.first_day < d.last_day then d.first_day::timestamp at time zone l.timezone else :to::timestamptz end as whole_start,
    case when d.first_day < d.last_day then d.last_day::timestamp at time zone l.timezone else :to::timestamptz end as whole_end
  from locations l
  cross join lateral (select (:from::timestamptz at time zone l.timezone)::date as from_date) f
  cross join lateral (
    select case when f.from_date::timestamp at time zone l.timezone = :from::timestamptz then f.from_date else f.from_date + 1 end as first_day,
      (:to::timestamptz at time zone l.timezone)::date as last_day
  ) d
  cross join lateral (
    select case when extract(day from d.first_day) = 1 then d.first_day
        else (date_trunc('month', d.first_day::timestamp) + interval '1 month')::date end as first_whole,
      date_trunc('month', d.last_day::timestamp)::date as last_whole
  ) mm
  cross join lateral (
    select case when ${months} and mm.first_whole < mm.last_whole then mm.first_whole else d.first_day end as first_month,
      case when ${months} and mm.first_whole < mm.last_whole then mm.last_whole else d.first_day end as last_month
  ) m
  where l.tenant_id = :tenant and (l.id = :location or :location::uuid is null)
),
windows as (
  select s.location_id, s.tz, v.lo, v.hi
  from split s cross join lateral (values (:from::timestamptz, s.whole_start), (s.whole_end, :to::timestamptz)) v(lo, hi)
  where v.lo < v.hi
),
day_spans as (
  select s.location_id, v.lo, v.hi
  from split s cross join lateral (values (s.first_day, s.first_month), (s.last_month, s.last_day)) v(lo, hi)
  where v.lo < v.hi
),
bounds as (
  select max(whole_start) as head_end, min(whole_end) as tail_start, min(first_day) as days_lo1, max(first_month) as days_hi1,
    min(last_month) as days_lo2, max(last_day) as days_hi2, min(first_month) as months_lo, max(last_month) as months_hi
  from split
)`;
}

const bound = (column: string) => `(select ${column} from bounds)`;

/** sourceCtes' windows for a report: the partial days of `split`. */
export function splitWindows(months: boolean): WindowSource {
  return {
    ctes: splitCtes(months),
    ranges: [':from::timestamptz', bound('head_end'), bound('tail_start'), ':to::timestamptz'],
  };
}

/** The day summary rows (alias d) a report reads: those of each location's day_spans. */
export const DAY_SPAN_ROWS = `join day_spans sp on sp.location_id = d.location_id and d.date >= sp.lo and d.date < sp.hi
    where d.tenant_id = :tenant and ((d.date >= ${bound('days_lo1')} and d.date < ${bound('days_hi1')})
      or (d.date >= ${bound('days_lo2')} and d.date < ${bound('days_hi2')}))`;

/** The monthly rollup rows (alias d) a report reads: each location's whole months. */
export const MONTH_SPAN_ROWS = `join split sp on sp.location_id = d.location_id and d.date >= sp.first_month and d.date < sp.last_month
    where d.tenant_id = :tenant and d.date >= ${bound('months_lo')} and d.date < ${bound('months_hi')}`;
