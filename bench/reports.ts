/**
 * Report timings over >= 1,000,000 generated sale lines.
 *
 *   npm run bench:reports [-- --sales 290000 --runs 5 --fresh]
 *
 * Uses (or creates and fills, once) the database `pos_bench_reports` on
 * DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432), runs
 * every report for the whole tenant over the last year and the last month
 * (median of `runs`) beside the same figures read by hand-written SQL
 * (report-summary-sql.ts; the bench fails unless both return the same rows)
 * and the ratio of the two, then EXPLAIN (ANALYZE, BUFFERS) of each report,
 * written to bench/results/reports-explain.txt. Figures go to
 * docs/benchmarks.md by hand.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { generateSales } from '../src/cli/sales-generator';
import { loadConfig } from '../src/config';
import { initOrm, migrateToLatest } from '../src/db/orm';
import { Tenant } from '../src/entities';
import { jobContext } from '../src/jobs/job-context';
import { JobQueue } from '../src/jobs/job-queue';
import { createLogger } from '../src/logger';
import { createServices } from '../src/services';
import { createEventBus } from '../src/services/realtime/event-bus';
import { MoneyRules, moneyRules } from '../src/services/reporting/report-money';
import { ReportScope } from '../src/services/reporting/report.sql';
import { rebuildReportSummaries } from '../src/services/reporting/summary-recompute';
import { HAND_WRITTEN, splitOf } from './report-summary-sql';
import Decimal from 'decimal.js';
import { profitMargin, salesByCategory, topProducts } from '../src/services/reporting/product-reports';
import {
  cashierPerformance,
  hourlySales,
  paymentMethodBreakdown,
  salesReport,
} from '../src/services/reporting/sales-reports';
import { API_SHAPES } from '../src/schema/api-shapes';

const DB = 'pos_bench_reports';
const SLUG = 'bench-reports';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sales: { type: 'string', default: '290000' },
      runs: { type: 'string', default: '5' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const admin = new Client({ connectionString: new URL('/postgres', server).toString() });
  await admin.connect();
  if (values.fresh) await admin.query(`drop database if exists ${DB} with (force)`);
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [DB])).rowCount;
  if (!exists) await admin.query(`create database ${DB}`);
  await admin.end();
  const url = new URL(`/${DB}`, server).toString();

  const orm = await initOrm(url);
  await migrateToLatest(orm);
  const log = createLogger('warn', false);
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: url }), logLevel: 'warn' };
  const services = createServices({
    orm,
    config,
    log,
    events: createEventBus(),
    jobs: new JobQueue(url, log),
    apiShapes: API_SHAPES,
  });
  const em = orm.em.fork();

  let tenant = await em.findOne(Tenant, { slug: SLUG });
  if (!tenant) {
    tenant = em.create(Tenant, { name: 'Bench reports', slug: SLUG, timezone: 'America/New_York' } as any);
    await em.flush();
    const started = Date.now();
    const made = await generateSales(orm.em.fork(), {
      tenantId: tenant.id,
      sales: Number(values.sales),
      days: 365,
      batchSize: 25_000,
      log: (m) => console.log(m),
    });
    console.log(
      `generated ${made.sales} sales / ${made.lines} lines in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const [{ summaries }] = await em
    .getConnection()
    .execute(`select count(*)::int as summaries from daily_product_summaries where tenant_id = ?`, [tenant.id]);
  if (!summaries) {
    // A database generated before the report summaries existed: backfill them once.
    const started = Date.now();
    await rebuildReportSummaries(em, tenant.id, await moneyRules(em, tenant.id));
    await em.getConnection().execute('vacuum analyze', [], 'run');
    console.log(`report summaries rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const [{ lines }] = await em
    .getConnection()
    .execute(`select count(*)::int as lines from sale_items where tenant_id = ?`, [tenant.id]);
  const [{ last }] = await em
    .getConnection()
    .execute(`select max(completed_at) as last from sales where tenant_id = ?`, [tenant.id]);
  console.log(`tenant ${SLUG}: ${lines} sale lines`);

  const ctx = jobContext(services, 'bench', tenant.id);
  // Remember each report's statement (with its parameters) to EXPLAIN it afterwards.
  const connection = ctx.em.getConnection();
  const execute = connection.execute.bind(connection);
  let statement: { sql: string; params: unknown[] } = { sql: '', params: [] };
  (connection as any).execute = (sql: string, params: unknown[] = [], ...rest: unknown[]) => {
    if (typeof sql === 'string' && !sql.startsWith('explain')) statement = { sql, params };
    return (execute as any)(sql, params, ...rest);
  };
  const to = new Date(new Date(last).getTime() + 1000);
  const ranges = {
    year: { from: new Date(to.getTime() - 365 * 86_400_000), to },
    month: { from: new Date(to.getTime() - 30 * 86_400_000), to },
  };
  const r = services.reports;
  const day = new Date(to.getTime() - 86_400_000).toISOString().slice(0, 10);
  // Each report: the service call timed, the report's own statement's rows (raw, before rounding) to check the hand-written SQL against.
  type Range = { from: Date; to: Date };
  type Raw = (scope: ReportScope, rules: MoneyRules) => Promise<unknown[]>;
  const reports: Array<[string, (range: Range) => Promise<unknown>, string?, Raw?]> = [
    ['dailySalesSummary (one date)', () => r.dailySalesSummary(ctx, day)],
    ['salesReport DAY', (x) => r.salesReport(ctx, x, 'DAY'), 'salesDay', (sc, ru) => salesReport(em, sc, ru, 'DAY')],
    [
      'salesReport MONTH',
      (x) => r.salesReport(ctx, x, 'MONTH'),
      'salesMonth',
      (sc, ru) => salesReport(em, sc, ru, 'MONTH'),
    ],
    [
      'paymentMethodBreakdown',
      (x) => r.paymentMethodBreakdown(ctx, x),
      'payments',
      (sc, ru) => paymentMethodBreakdown(em, sc, ru),
    ],
    ['topProducts (10)', (x) => r.topProducts(ctx, x, 10), 'topProducts', (sc, ru) => topProducts(em, sc, ru, 10)],
    ['salesByCategory', (x) => r.salesByCategory(ctx, x), 'categories', (sc, ru) => salesByCategory(em, sc, ru)],
    ['cashierPerformance', (x) => r.cashierPerformance(ctx, x), 'cashiers', (sc, ru) => cashierPerformance(em, sc, ru)],
    ['hourlySales', (x) => r.hourlySales(ctx, x), 'hourly', (sc, ru) => hourlySales(em, sc, ru)],
    [
      'profitMargin PRODUCT',
      (x) => r.profitMargin(ctx, x, 'PRODUCT'),
      'marginProduct',
      (sc, ru) => profitMargin(em, sc, ru, 'PRODUCT'),
    ],
    [
      'profitMargin CATEGORY',
      (x) => r.profitMargin(ctx, x, 'CATEGORY'),
      'marginCategory',
      (sc, ru) => profitMargin(em, sc, ru, 'CATEGORY'),
    ],
  ];
  const rules = await moneyRules(em, tenant.id);
  // Rows compared by value: numeric text as a canonical decimal (the two statements may print different scales).
  const canonical = (rows: unknown[]) =>
    JSON.stringify(rows, (_k, v) =>
      typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? new Decimal(v).toString() : v,
    );

  const runs = Number(values.runs);
  // One untimed call first: the report and its hand-written twin are then both timed warm (before, the
  // report ran cold and the hand-written SQL after the equality check had warmed it).
  const median = async (work: () => Promise<unknown>) => {
    await work();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      await work();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)];
  };
  const explains: string[] = [];
  const table: string[] = [
    `| report | year (ms, median of ${runs}) | year, by hand (ms) | ratio | month (ms) | month, by hand (ms) | ratio |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, run, hand, raw] of reports) {
    const times: Record<string, number> = {};
    const handTimes: Record<string, number> = {};
    for (const [label, range] of Object.entries(ranges)) {
      times[label] = await median(() => run(range));
      const plan = await connection.execute(
        `explain (analyze, buffers, costs off) ${statement.sql}`,
        statement.params as any[],
      );
      explains.push(`### ${name} (${label})\n${plan.map((p: Record<string, string>) => p['QUERY PLAN']).join('\n')}\n`);
      if (hand && raw) {
        const sql = HAND_WRITTEN[hand](await splitOf(execute as any, tenant.id, range.from, range.to));
        const scope = { tenantId: tenant.id, from: range.from, to: range.to, locationId: null };
        const [mine, theirs] = [canonical(await raw(scope, rules)), canonical(await execute(sql, []))];
        if (mine !== theirs)
          throw new Error(`${name} (${label}): the hand-written SQL's rows differ from the report's`);
        handTimes[label] = await median(() => execute(sql, []));
      }
    }
    const cell = (label: string) => (handTimes[label] === undefined ? '-' : handTimes[label].toFixed(0));
    const ratio = (label: string) =>
      handTimes[label] === undefined ? '-' : `${(times[label] / handTimes[label]).toFixed(2)}x`;
    table.push(
      `| ${name} | ${times.year.toFixed(0)} | ${cell('year')} | ${ratio('year')} | ${times.month.toFixed(0)} | ${cell('month')} | ${ratio('month')} |`,
    );
    console.log(
      `${name.padEnd(30)} year ${times.year.toFixed(0).padStart(6)} ms (by hand ${cell('year').padStart(5)}, ${ratio('year').padStart(6)})` +
        `   month ${times.month.toFixed(0).padStart(6)} ms (by hand ${cell('month').padStart(5)}, ${ratio('month').padStart(6)})`,
    );
  }
  const out = path.join(__dirname, 'results', 'reports-explain.txt');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${lines} sale lines\n\n${table.join('\n')}\n\n${explains.join('\n')}`);
  console.log(`\n${table.join('\n')}\n\nplans: ${out}`);
  await orm.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
