import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules, roundingParams } from './report-money';
import { query } from '../core/sql';
import { ReportScope, wholeLocalDays } from './report.sql';

/** Part of one location's timeline read from the source rows: [lo, hi). */
export interface SourceWindow {
  location_id: string;
  tz: string;
  lo: string;
  hi: string;
}

/** Whole local days [first_day, last_day) of one location, read from the summaries. */
export interface SummarySpan {
  location_id: string;
  first_day: string;
  last_day: string;
}

/**
 * How a report splits its range (docs/reports.md, "Summaries and partial
 * days"): per location, the whole local days inside [from, to) come from
 * the summaries, the partial first and last day from the source rows. The
 * source windows are also bounded by two global ranges (the first covers
 * every location's head, the second every tail) so the planner can use the
 * time indexes; each row is then matched to its own location's window.
 */
export interface ReportWindows {
  windows: SourceWindow[];
  spans: SummarySpan[];
  /** Instants, or '-infinity' / 'infinity' for a whole-history rebuild. */
  ranges: [[Date | string, Date | string], [Date | string, Date | string]];
  /** Bounds of every span's days, for the summaries' (tenant_id, date) index. */
  days: [string, string];
}

/** The SQL parameters that sourceCtes and grainRows read. */
export function windowParams(w: ReportWindows): Record<string, unknown> {
  return {
    windows: JSON.stringify(w.windows),
    spans: JSON.stringify(w.spans),
    r1lo: w.ranges[0][0],
    r1hi: w.ranges[0][1],
    r2lo: w.ranges[1][0],
    r2hi: w.ranges[1][1],
    firstDay: w.days[0],
    lastDay: w.days[1],
  };
}

/** One location's local day as a single source window and no summary (what a recompute reads). */
export function dayWindows(day: { locationId: string; tz: string; start: Date; end: Date }): ReportWindows {
  return {
    windows: [{ location_id: day.locationId, tz: day.tz, lo: day.start.toISOString(), hi: day.end.toISOString() }],
    spans: [],
    ranges: [
      [day.start, day.end],
      [day.end, day.end],
    ],
    days: ['1970-01-01', '1970-01-01'],
  };
}

/** Every location's whole history as source windows (a tenant's rebuild). */
export function historyWindows(locations: Array<{ id: string; tz: string }>): ReportWindows {
  return {
    windows: locations.map((l) => ({ location_id: l.id, tz: l.tz, lo: '-infinity', hi: 'infinity' })),
    spans: [],
    ranges: [
      ['-infinity', 'infinity'],
      ['infinity', 'infinity'],
    ],
    days: ['1970-01-01', '1970-01-01'],
  };
}

/** Splits a report's range per location of the scope (one small query over `locations`). */
export async function reportWindows(em: EntityManager, scope: ReportScope): Promise<ReportWindows> {
  const rows = await wholeLocalDays(em, scope);
  const { from, to } = scope;
  const windows: SourceWindow[] = [];
  const spans: SummarySpan[] = [];
  let headEnd = from;
  let tailStart = to;
  const window = (location_id: string, tz: string, lo: Date, hi: Date) => {
    if (lo < hi) windows.push({ location_id, tz, lo: lo.toISOString(), hi: hi.toISOString() });
  };
  for (const r of rows) {
    if (r.first_day < r.last_day) {
      const start = new Date(r.whole_start);
      const end = new Date(r.whole_end);
      spans.push({ location_id: r.location_id, first_day: r.first_day, last_day: r.last_day });
      window(r.location_id, r.tz, from, start);
      window(r.location_id, r.tz, end, to);
      if (start > headEnd) headEnd = start;
      if (end < tailStart) tailStart = end;
    } else {
      window(r.location_id, r.tz, from, to);
      headEnd = to;
    }
  }
  if (tailStart < headEnd) tailStart = headEnd;
  const firstDays = spans.map((s) => s.first_day).sort();
  const lastDays = spans.map((s) => s.last_day).sort();
  return {
    windows,
    spans,
    ranges: [
      [from, headEnd],
      [tailStart, to],
    ],
    days: spans.length ? [firstDays[0], lastDays[lastDays.length - 1]] : ['1970-01-01', '1970-01-01'],
  };
}

/**
 * Runs a report statement over `scope`: its range split into summary spans
 * and source windows first, then one statement (sourceCtes + grainRows).
 */
export async function queryOverWindows<R>(
  em: EntityManager,
  scope: ReportScope,
  rules: MoneyRules,
  sql: string,
  extra: Record<string, unknown> = {},
): Promise<R[]> {
  const windows = await reportWindows(em, scope);
  return query<R>(em, sql, { tenant: scope.tenantId, ...windowParams(windows), ...roundingParams(rules), ...extra });
}
