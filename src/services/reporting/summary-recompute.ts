import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules, roundingParams } from './report-money';
import { query } from '../core/sql';
import { dayWindows, historyWindows, windowParams } from './report-windows';
import { locationZones } from './report.sql';
import { GRAINS, recomputeGrain } from './summary-grains.sql';

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
 * of one location and local date from the source rows: one statement per
 * grain that upserts the day's keys and deletes keys the day no longer has.
 * Idempotent and order-independent, like the daily summary it runs beside.
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
  for (const grain of GRAINS) await query(em, recomputeGrain(grain, 'day'), params);
}

/** Every report summary row of the tenant rebuilt from its whole history: one statement per grain (the generator, repairs). */
export async function rebuildReportSummaries(em: EntityManager, tenantId: string, rules: MoneyRules): Promise<void> {
  const locations = await locationZones(em, tenantId);
  const params = { tenant: tenantId, ...windowParams(historyWindows(locations)), ...roundingParams(rules) };
  for (const grain of GRAINS) await query(em, recomputeGrain(grain, 'tenant'), params);
}
