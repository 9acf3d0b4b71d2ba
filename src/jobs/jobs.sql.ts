/**
 * The jobs' own statements. The cross-tenant scans run before any tenant is
 * bound (no tenant filter applies), so each names the tenant of every row it
 * returns and the job then acts through that tenant's context.
 */

/**
 * Sessions still OPEN past their tenant's most recent auto-close moment:
 * `tenants.auto_close_sessions_at` (HH:MM) on the local day of the terminal's
 * location, or the day before when that time has not come yet today. A session
 * opened after that moment waits for the next one.
 */
export const DUE_SESSIONS = `
  select s.id, s.tenant_id from pos_sessions s
  join tenants t on t.id = s.tenant_id
  join pos_terminals pt on pt.id = s.terminal_id and pt.tenant_id = s.tenant_id
  join locations l on l.id = pt.location_id and l.tenant_id = s.tenant_id
  cross join lateral (select now() at time zone l.timezone as local_now) n
  cross join lateral (select date_trunc('day', n.local_now) + t.auto_close_sessions_at::time as today_at) c
  where s.status = 'OPEN' and t.auto_close_sessions_at is not null
    and s.opened_at < (case when c.today_at > n.local_now then c.today_at - interval '1 day' else c.today_at end) at time zone l.timezone
  order by s.tenant_id, s.id
  limit 1000`;

/** A location's day is reported this long after its local midnight (late sales, clock skew). */
const EOD_MARGIN = '30 minutes';

/** Each active location of a tenant with report recipients whose report for yesterday (local) was not sent. */
export const DUE_EOD_REPORTS = `
  select l.tenant_id, l.id as location_id,
    to_char(((now() at time zone l.timezone) - interval '${EOD_MARGIN}')::date - 1, 'YYYY-MM-DD') as date
  from locations l join tenants t on t.id = l.tenant_id
  where l.is_active and cardinality(t.report_recipients) > 0
    and not exists (select 1 from eod_reports r where r.tenant_id = l.tenant_id and r.location_id = l.id
      and r.date = ((now() at time zone l.timezone) - interval '${EOD_MARGIN}')::date - 1 and r.sent_at is not null)`;

/** The day's report row, created once (then locked by the job). */
export const ENSURE_EOD_REPORT_ROW = `
  insert into eod_reports (id, tenant_id, location_id, date, created_at)
  values (gen_random_uuid(), :tenant, :location, :date, now())
  on conflict (tenant_id, location_id, date) do nothing`;

/** The figures the end-of-day mail prints. */
export const EOD_DAY_SUMMARY = `
  select total_sales, total_revenue, total_cogs, total_discount, total_tax, total_refunds, cash_total, card_total, other_total
  from daily_sales_summaries where tenant_id = :tenant and location_id = :location and date = :date`;

/** Tenants with a sale completed or voided, or a refund processed, since `:since`. */
export const TENANTS_CHANGED_SINCE = `
  select distinct tenant_id from sales where completed_at >= :since or voided_at >= :since
  union select distinct tenant_id from sale_refunds where processed_at >= :since`;

/**
 * Up to `limit` catalogue change-log rows that a later row of the same
 * product supersedes, deleted (every tenant): a register past a deleted row
 * still meets the product's newest one, so no cursor misses a change.
 */
export const compactProductChanges = (limit: number) => `
  delete from product_changes where id in (
    select id from (
      select id, row_number() over (partition by tenant_id, product_id order by seq desc, id desc) as newer
      from product_changes
    ) ranked where newer > 1 limit ${limit})`;

/**
 * Up to :limit finished webhook deliveries (every tenant) last changed before
 * :before, deleted; returns how many. `created_at` (never updated, so its
 * index costs the delivery updates nothing) leads to the candidates;
 * `updated_at` keeps one redelivered since. A PENDING row is never taken, and
 * a row locked by its worker or a redelivery is skipped, not waited for:
 * FOR UPDATE re-checks the status of a row changed meanwhile.
 */
export const PRUNE_WEBHOOK_DELIVERIES = `
  with doomed as (
    select id from webhook_deliveries
    where created_at < :before and updated_at < :before and status <> 'PENDING'
    order by created_at limit :limit for update skip locked
  ), gone as (
    delete from webhook_deliveries d using doomed where d.id = doomed.id returning 1
  )
  select count(*)::int as n from gone`;

/**
 * Up to :limit webhook events from before :before that no delivery is left
 * of, deleted; returns how many. Deleting an event cascades to its
 * deliveries, so one with any delivery (a PENDING one, or one kept for its
 * recent redelivery) stays; no delivery is ever added to an existing event.
 * The lateral probe (rather than NOT EXISTS) keeps the planner on the
 * event_id index: with statistics from before the deliveries went, it hashed
 * the whole deliveries table for every batch.
 */
export const PRUNE_WEBHOOK_EVENTS = `
  with doomed as (
    select ev.id from webhook_events ev
    left join lateral (select 1 as found from webhook_deliveries d where d.event_id = ev.id limit 1) kept on true
    where ev.created_at < :before and kept.found is null
    order by ev.created_at limit :limit for update of ev skip locked
  ), gone as (
    delete from webhook_events ev using doomed where ev.id = doomed.id returning 1
  )
  select count(*)::int as n from gone`;

/** Unpaid open carts whose expiry has come by `:now`, oldest first, `:limit` at a time. */
export const DUE_EXPIRED_CARTS = `
  select id, tenant_id, cashier_id from sales
  where status in ('DRAFT', 'PENDING') and paid_amount = 0 and expires_at <= :now
  order by expires_at, id limit :limit`;
