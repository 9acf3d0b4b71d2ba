import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/sql';

/** The daily summary's statements: a day's bounds, its recompute, the days events touched, the stored rows. */

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

/** A location's local day as the statements read it: [start, end) in its time zone. */
export interface DayBounds {
  locationId: string;
  date: string;
  start: Date;
  end: Date;
}

/** The zone and bounds of a location's local date, as plain values (none for an unknown location). */
export async function localDayBounds(em: EntityManager, tenant: string, location: string, date: string) {
  const [row] = await query<{ tz: string; day_start: Date; day_end: Date }>(
    em,
    `select l.timezone as tz, (:date::date::timestamp at time zone l.timezone) as day_start, ((:date::date + 1)::timestamp at time zone l.timezone) as day_end
     from locations l where l.tenant_id = :tenant and l.id = :location`,
    { tenant, location, date },
  );
  return row;
}

/** The RECOMPUTE statement: upserts the day's row. */
export async function upsertDailySummary(em: EntityManager, tenant: string, day: DayBounds): Promise<void> {
  await query(em, RECOMPUTE, {
    tenant,
    location: day.locationId,
    date: day.date,
    dayStart: day.start,
    dayEnd: day.end,
  });
}

/**
 * The (location, local date) pairs, with their zone and bounds, that have a
 * completed sale, a void (of a completed sale) or a refund of the tenant, in
 * the sale's location's time zone; only those one sale touches when `saleId`
 * is given, only those with such an event since `since` when that is given.
 */
export function touchedDayRows(em: EntityManager, tenant: string, only: { saleId?: string; since?: Date }) {
  const oneSale = only.saleId ? 'and s.id = :sale' : '';
  const recent = (column: string) => (only.since ? `and ${column} >= :since` : '');
  return query<{ location_id: string; tz: string; date: string; day_start: Date; day_end: Date }>(
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
    { tenant, sale: only.saleId ?? null, since: only.since ?? null },
  );
}

/** The stored rows of a local date, per location by code (one location when given). */
export function dailySummaryRows(em: EntityManager, tenant: string, date: string, location: string | null) {
  return query<Record<string, string> & { total_sales: number }>(
    em,
    `select to_char(d.date, 'YYYY-MM-DD') as date, d.location_id, d.total_sales, d.total_revenue, d.total_cogs, d.total_discount,
       d.total_tax, d.total_refunds, d.cash_total, d.card_total, d.other_total
     from daily_sales_summaries d join locations l on l.id = d.location_id and l.tenant_id = d.tenant_id
     where d.tenant_id = :tenant and d.date = :date ${location ? 'and d.location_id = :location' : ''}
     order by l.code`,
    { tenant, date, location },
  );
}
