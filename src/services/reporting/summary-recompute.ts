import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules, roundingParams } from './report-money';
import { query } from '../core/sql';
import { dayWindows, historyWindows, windowParams } from './report-windows';
import { locationZones } from './report.sql';
import { GRAINS, recomputeGrain, rollupGrain } from './summary-grains.sql';

/** A location's local day with its zone, as the recompute reads it. */
export interface ZonedDay {
  locationId: string;
  date: string;
  tz: string;
  start: Date;
  end: Date;
}

/**
 * Recomputes the report summaries (product, payment method, cashier, hour)
 * of one location and local date from the source rows: per grain, one
 * statement that upserts the day's keys and deletes keys the day no longer
 * has, then one that recomputes the location's month rows of that grain from
 * its (now current) day rows. Idempotent and order-independent, like the
 * daily summary it runs beside; the caller's transaction holds them together.
 */
export async function recomputeReportSummaries(
  em: EntityManager,
  tenantId: string,
  day: ZonedDay,
  rules: MoneyRules,
): Promise<void> {
  const params = {
    tenant: tenantId,
    location: day.locationId,
    date: day.date,
    ...windowParams(dayWindows(day)),
    ...roundingParams(rules),
  };
  for (const grain of GRAINS) {
    await query(em, recomputeGrain(grain, 'day'), params);
    await query(em, rollupGrain(grain, 'month'), params);
  }
}

/**
 * Every report summary row of the tenant rebuilt from its whole history, then
 * every monthly row from those: two statements per grain (the generator, repairs).
 */
export async function rebuildReportSummaries(em: EntityManager, tenantId: string, rules: MoneyRules): Promise<void> {
  const locations = await locationZones(em, tenantId);
  const params = { tenant: tenantId, ...windowParams(historyWindows(locations)), ...roundingParams(rules) };
  for (const grain of GRAINS) {
    await query(em, recomputeGrain(grain, 'tenant'), params);
    await query(em, rollupGrain(grain, 'tenant'), params);
  }
}
