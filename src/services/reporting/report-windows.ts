import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules, roundingParams } from './report-money';
import { query } from '../core/sql';
import { ReportScope, scopeParams } from './report.sql';

/** Part of one location's timeline read from the source rows: [lo, hi). */
export interface SourceWindow {
  location_id: string;
  tz: string;
  lo: string;
  hi: string;
}

/**
 * A recompute's or rebuild's windows, given to sourceCtes as parameters
 * (GIVEN_WINDOWS): the windows and two global ranges that hold them all, so
 * the planner can use the time indexes. A report splits its range in SQL
 * instead (report-split.sql.ts).
 */
export interface ReportWindows {
  windows: SourceWindow[];
  /** Instants, or '-infinity' / 'infinity' for a whole-history rebuild. */
  ranges: [[Date | string, Date | string], [Date | string, Date | string]];
}

/** The SQL parameters that sourceCtes reads with GIVEN_WINDOWS. */
export function windowParams(w: ReportWindows): Record<string, unknown> {
  return {
    windows: JSON.stringify(w.windows),
    r1lo: w.ranges[0][0],
    r1hi: w.ranges[0][1],
    r2lo: w.ranges[1][0],
    r2hi: w.ranges[1][1],
  };
}

/** One location's local day as a single source window and no summary (what a recompute reads). */
export function dayWindows(day: { locationId: string; tz: string; start: Date; end: Date }): ReportWindows {
  return {
    windows: [{ location_id: day.locationId, tz: day.tz, lo: day.start.toISOString(), hi: day.end.toISOString() }],
    ranges: [
      [day.start, day.end],
      [day.end, day.end],
    ],
  };
}

/** Every location's whole history as source windows (a tenant's rebuild). */
export function historyWindows(locations: Array<{ id: string; tz: string }>): ReportWindows {
  return {
    windows: locations.map((l) => ({ location_id: l.id, tz: l.tz, lo: '-infinity', hi: 'infinity' })),
    ranges: [
      ['-infinity', 'infinity'],
      ['infinity', 'infinity'],
    ],
  };
}

/**
 * Runs a report statement (splitWindows + grainRows, summary-grains.sql.ts)
 * over `scope`: the range is split inside the statement itself, so this is
 * the report's one round trip after its money rules.
 */
export function queryReport<R>(
  em: EntityManager,
  scope: ReportScope,
  rules: MoneyRules,
  sql: string,
  extra: Record<string, unknown> = {},
): Promise<R[]> {
  return query<R>(em, sql, { ...scopeParams(scope), ...roundingParams(rules), ...extra });
}
