import { EntityManager } from '@mikro-orm/postgresql';
import { moneyRules, MoneyRules } from './report-money';
import { query } from '../core/sql';
import { rebuildReportSummaries, recomputeReportSummaries } from './summary-recompute';

/*
 * DailySalesSummary rows are recomputed from the source tables by one SQL
 * statement, never incremented: recomputing a day twice gives the same row.
 * Column meanings (docs/reports.md) for location L and local date D, where a
 * local day is [D 00:00, D+1 00:00) in L's time zone:
 * - "moved" sales: +1 each sale of L completed on D, -1 each sale of L that
 *   had been completed and was voided on D (a void reduces the day it happens);
 * - totalSales, totalRevenue, totalDiscount, totalTax: the signed count /
 *   total_amount / discount_amount / tax_amount of the moved sales;
 * - totalCOGS: the moved sales' line cost_amount, minus the cost of units
 *   refunded on D (cost_amount x refunded quantity / line quantity, 4 places;
 *   a line returned without a receipt: the cost it was restocked at);
 * - totalRefunds: refunds processed at L on D (any method; where the refund
 *   happened, which for a return at another store is not the sale's location);
 * - cashTotal, cardTotal, otherTotal: the moved sales' taken payments
 *   (COMPLETED, PARTIALLY_REFUNDED, REFUNDED; signed as their sale) by
 *   method, minus that method's refunds processed on D.
 */
const RECOMPUTE = `
with moved as (
  select s.id, 1 as sign from sales s
  where s.tenant_id = :tenant and s.location_id = :location and s.completed_at >= :dayStart and s.completed_at < :dayEnd
  union all
  select s.id, -1 from sales s
  where s.tenant_id = :tenant and s.location_id = :location and s.voided_at >= :dayStart and s.voided_at < :dayEnd
    and s.completed_at is not null
),
sale_sums as (
  select coalesce(sum(m.sign), 0) as n,
    coalesce(sum(m.sign * s.total_amount), 0) as revenue,
    coalesce(sum(m.sign * s.discount_amount), 0) as discount,
    coalesce(sum(m.sign * s.tax_amount), 0) as tax
  from moved m join sales s on s.id = m.id and s.tenant_id = :tenant
),
cogs as (
  select coalesce(sum(m.sign * i.cost_amount), 0) as cogs
  from moved m join sale_items i on i.sale_id = m.id and i.tenant_id = :tenant
),
pay as (
  select coalesce(sum(m.sign * sp.amount) filter (where sp.method = 'CASH'), 0) as cash,
    coalesce(sum(m.sign * sp.amount) filter (where sp.method = 'CARD'), 0) as card,
    coalesce(sum(m.sign * sp.amount) filter (where sp.method not in ('CASH', 'CARD')), 0) as other
  from moved m join sale_payments sp on sp.sale_id = m.id and sp.tenant_id = :tenant
  where sp.status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
),
day_refunds as (
  select r.amount, r.method, r.items
  from sale_refunds r
  where r.tenant_id = :tenant and r.location_id = :location and r.processed_at >= :dayStart and r.processed_at < :dayEnd and r.status = 'COMPLETED'
),
ref as (
  select coalesce(sum(r.amount), 0) as total,
    coalesce(sum(r.amount) filter (where r.method = 'CASH'), 0) as cash,
    coalesce(sum(r.amount) filter (where r.method = 'CARD'), 0) as card,
    coalesce(sum(r.amount) filter (where r.method not in ('CASH', 'CARD')), 0) as other
  from day_refunds r
),
refunded_cost as (
  select coalesce(sum(case when i.id is null then coalesce((line->>'costAmount')::numeric, 0)
    else round(coalesce(i.cost_amount, 0) * (line->>'quantity')::int / i.quantity, 4) end), 0) as cogs
  from day_refunds r cross join lateral jsonb_array_elements(r.items) line
  left join sale_items i on i.id = (line->>'saleItemId')::uuid and i.tenant_id = :tenant
)
insert into daily_sales_summaries (id, tenant_id, location_id, date, total_sales, total_revenue, total_cogs, total_discount,
  total_tax, total_refunds, cash_total, card_total, other_total, created_at, updated_at)
select gen_random_uuid(), :tenant, :location, :date::date, sale_sums.n, sale_sums.revenue, cogs.cogs - refunded_cost.cogs,
  sale_sums.discount, sale_sums.tax, ref.total, pay.cash - ref.cash, pay.card - ref.card, pay.other - ref.other, now(), now()
from sale_sums, cogs, pay, ref, refunded_cost
on conflict (date, location_id, tenant_id) do update set
  total_sales = excluded.total_sales, total_revenue = excluded.total_revenue, total_cogs = excluded.total_cogs,
  total_discount = excluded.total_discount, total_tax = excluded.total_tax, total_refunds = excluded.total_refunds,
  cash_total = excluded.cash_total, card_total = excluded.card_total, other_total = excluded.other_total,
  updated_at = now()`;

/** A location's local date and the instants bounding it ([start, end) in the location's time zone). */
export interface LocalDay {
  locationId: string;
  date: string;
  /** The location's IANA time zone. */
  tz: string;
  start: Date;
  end: Date;
}

/**
 * Recomputes (upserts) the summary row of one location and local date from
 * sales, sale items, payments and refunds, in one statement on `em`'s
 * connection (inside its transaction when there is one). Idempotent. An
 * unknown location writes nothing and returns null; otherwise returns the
 * day's bounds.
 */
export async function recomputeDailySummary(
  em: EntityManager,
  tenantId: string,
  locationId: string,
  date: string,
): Promise<LocalDay | null> {
  // The day's bounds first, as plain values: the planner then sees the ranges and uses the report indexes.
  const [row] = await query<{ tz: string; day_start: Date; day_end: Date }>(
    em,
    `select l.timezone as tz, (:date::date::timestamp at time zone l.timezone) as day_start, ((:date::date + 1)::timestamp at time zone l.timezone) as day_end
     from locations l where l.tenant_id = :tenant and l.id = :location`,
    { tenant: tenantId, location: locationId, date },
  );
  if (!row) return null;
  const day = { locationId, date, tz: row.tz, start: new Date(row.day_start), end: new Date(row.day_end) };
  await recomputeDay(em, tenantId, day, await moneyRules(em, tenantId));
  return day;
}

/**
 * The RECOMPUTE statement for a day whose bounds are known, then the report
 * summaries of the same day (summary-recompute.ts), in one transaction:
 * every job that keeps the daily summary keeps those too, in the same way.
 */
async function recomputeDay(em: EntityManager, tenantId: string, day: LocalDay, rules: MoneyRules): Promise<void> {
  // One transaction: a reader sees the day's daily row and report summaries from the same moment.
  await em.transactional(async (tx) => {
    await recomputeDailyRow(tx, tenantId, day);
    await recomputeReportSummaries(tx, tenantId, day, rules);
  });
}

async function recomputeDailyRow(em: EntityManager, tenantId: string, day: LocalDay): Promise<void> {
  await query(em, RECOMPUTE, {
    tenant: tenantId,
    location: day.locationId,
    date: day.date,
    dayStart: day.start,
    dayEnd: day.end,
  });
}

/**
 * The (location, local date) pairs, with their bounds, that have a completed
 * sale, a void (of a completed sale) or a refund of the tenant, in the sale's
 * location's time zone; only those one sale touches when `saleId` is given,
 * only those with such an event since `since` when that is given.
 */
async function touchedDays(
  em: EntityManager,
  tenantId: string,
  only: { saleId?: string; since?: Date } = {},
): Promise<LocalDay[]> {
  const oneSale = only.saleId ? 'and s.id = :sale' : '';
  const recent = (column: string) => (only.since ? `and ${column} >= :since` : '');
  const rows = await query<{ location_id: string; tz: string; date: string; day_start: Date; day_end: Date }>(
    em,
    `select d.location_id, d.tz, to_char(d.date, 'YYYY-MM-DD') as date,
       (d.date::timestamp at time zone d.tz) as day_start, ((d.date + 1)::timestamp at time zone d.tz) as day_end
     from (
       select s.location_id, l.timezone as tz, (t.at at time zone l.timezone)::date as date
       from sales s join locations l on l.id = s.location_id and l.tenant_id = s.tenant_id
       cross join lateral (select s.completed_at as at union all select s.voided_at) t
       where s.tenant_id = :tenant and s.completed_at is not null and t.at is not null ${oneSale} ${recent('t.at')}
       union
       select r.location_id, l.timezone, (r.processed_at at time zone l.timezone)::date
       from sale_refunds r join locations l on l.id = r.location_id and l.tenant_id = r.tenant_id
       where r.tenant_id = :tenant ${only.saleId ? 'and r.sale_id = :sale' : ''} ${recent('r.processed_at')}
     ) d`,
    { tenant: tenantId, sale: only.saleId ?? null, since: only.since ?? null },
  );
  return rows.map((r) => ({
    locationId: r.location_id,
    date: r.date,
    tz: r.tz,
    start: new Date(r.day_start),
    end: new Date(r.day_end),
  }));
}

async function recomputeDays(em: EntityManager, tenantId: string, days: LocalDay[]): Promise<number> {
  if (!days.length) return 0;
  const rules = await moneyRules(em, tenantId);
  for (const day of days) await recomputeDay(em, tenantId, day, rules);
  return days.length;
}

/**
 * Recomputes every (location, local date) a sale touches: its completion
 * day, its void day and the day of each of its refunds. Returns how many.
 */
export async function recomputeDaysTouchedBySale(em: EntityManager, tenantId: string, saleId: string): Promise<number> {
  return recomputeDays(em, tenantId, await touchedDays(em, tenantId, { saleId }));
}

/**
 * The nightly reconciliation (docs/jobs.md): every (location, local date)
 * of the tenant with an event since `since`, recomputed. A day's figures only
 * change through events on that day, so this repairs whatever a lost or
 * failed job left behind. Returns how many days.
 */
export async function recomputeDaysSince(em: EntityManager, tenantId: string, since: Date): Promise<number> {
  return recomputeDays(em, tenantId, await touchedDays(em, tenantId, { since }));
}

/**
 * Every (location, local date) of the tenant with any completed sale, void or
 * refund: daily summary rows recomputed one day at a time, the report
 * summaries rebuilt in one statement per grain (the data generator's last
 * step; also a repair tool). Returns how many days.
 */
export async function recomputeAllDailySummaries(em: EntityManager, tenantId: string): Promise<number> {
  const days = await touchedDays(em, tenantId);
  for (const day of days) await recomputeDailyRow(em, tenantId, day);
  await rebuildReportSummaries(em, tenantId, await moneyRules(em, tenantId));
  return days.length;
}
