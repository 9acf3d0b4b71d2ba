import { EntityManager } from '@mikro-orm/postgresql';
import { moneyRules, MoneyRules } from './report-money';
import { localDayBounds, touchedDayRows, upsertDailySummary } from './daily-summary.sql';
import { rebuildReportSummaries, recomputeReportSummaries } from './summary-recompute';

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
  const row = await localDayBounds(em, tenantId, locationId, date);
  if (!row) return null;
  const day = { locationId, date, tz: row.tz, start: new Date(row.day_start), end: new Date(row.day_end) };
  await recomputeDay(em, tenantId, day, await moneyRules(em, tenantId));
  return day;
}

/**
 * The daily row (daily-summary.sql.ts) of a day whose bounds are known, then
 * the report summaries of the same day (summary-recompute.ts), in one
 * transaction: every job that keeps the daily summary keeps those too, in
 * the same way.
 */
async function recomputeDay(em: EntityManager, tenantId: string, day: LocalDay, rules: MoneyRules): Promise<void> {
  // One transaction: a reader sees the day's daily row and report summaries from the same moment.
  await em.transactional(async (tx) => {
    await upsertDailySummary(tx, tenantId, day);
    await recomputeReportSummaries(tx, tenantId, day, rules);
  });
}

/** The days touchedDayRows finds (daily-summary.sql.ts), each with its bounds; every such day when `only` is empty. */
async function touchedDays(
  em: EntityManager,
  tenantId: string,
  only: { saleId?: string; since?: Date } = {},
): Promise<LocalDay[]> {
  const rows = await touchedDayRows(em, tenantId, only);
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
  for (const day of days) await upsertDailySummary(em, tenantId, day);
  await rebuildReportSummaries(em, tenantId, await moneyRules(em, tenantId));
  return days.length;
}
