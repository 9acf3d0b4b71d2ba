import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { recomputeAllDailySummaries } from '../services/reporting/daily-summary';
import {
  ANALYZE_GENERATED,
  COUNT_GENERATED_ITEMS,
  insertLocation,
  insertTerminals,
  insertProducts,
  insertCashiers,
  createGeneratedSales,
  createGeneratedItems,
  insertSales,
  insertSaleItems,
  insertSalePayments,
  insertSaleRefunds,
  VACUUM_ANALYZE_SALES_TABLES,
} from './sales-generator.sql';

export interface GenerateOptions {
  tenantId: string;
  /** Completed sales to create (about 4 lines each). */
  sales: number;
  /** Local days of history, ending with `endDate` (inclusive). */
  days?: number;
  /** Last local day (YYYY-MM-DD); default: yesterday in UTC. */
  endDate?: string;
  /** IANA zones, one location each (default: New York, Berlin, Tokyo). */
  timezones?: string[];
  products?: number;
  cashiers?: number;
  /** Shares of sales voided later / partly refunded later / rung up within 15 minutes of local midnight. */
  voidShare?: number;
  refundShare?: number;
  nearMidnightShare?: number;
  batchSize?: number;
  log?: (message: string) => void;
}

/**
 * Fills a tenant with report data by bulk SQL (generate_series, set-based
 * inserts per batch): locations, products, cashiers, one terminal per
 * location, then `sales` completed sales spread over `days` local days.
 * Invariants kept as the services keep them: line_total = gross - discount +
 * tax (exclusive tax), sale totals = sums of lines, one taken payment = the
 * total, refunds of one whole line (amount = its line total, never more than
 * paid), voids after completion. Not generated: stock movements, cost
 * layers, sessions (sales have no session) and cash rounding. Ends by
 * recomputing every DailySalesSummary row of the tenant.
 */
export async function generateSales(
  em: EntityManager,
  options: GenerateOptions,
): Promise<{ sales: number; lines: number }> {
  const o = {
    days: 365,
    endDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    timezones: ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo'],
    products: 200,
    cashiers: 6,
    voidShare: 0.02,
    refundShare: 0.03,
    nearMidnightShare: 0.03,
    batchSize: 20_000,
    log: () => {},
    ...options,
  };
  const conn = em.getConnection();
  const run = (sql: string, params: unknown[] = []) => conn.execute(sql, params, 'run');
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const t = o.tenantId;

  for (const [i, tz] of o.timezones.entries()) {
    await run(insertLocation, [t, `Store ${tz}`, `G${tag}${i}`, tz]);
  }
  await run(insertTerminals, [t, `G${tag}%`]);
  await run(insertProducts(tag), [t, o.products]);
  await run(insertCashiers(tag), [t, o.cashiers]);

  let made = 0;
  let lines = 0;
  for (let batch = 0; made < o.sales; batch++) {
    const n = Math.min(o.batchSize, o.sales - made);
    await em.transactional(async (tx) => {
      const c = tx.getConnection();
      const ctx = tx.getTransactionContext();
      const exec = (sql: string, params: unknown[] = []) => c.execute(sql, params, 'run', ctx);
      await exec(createGeneratedSales, [
        t,
        `G${tag}%`,
        t,
        `gen-${tag.toLowerCase()}-%`,
        o.days,
        n,
        made,
        o.endDate,
        o.nearMidnightShare,
        o.voidShare,
        o.voidShare + o.refundShare,
      ]);
      await exec(createGeneratedItems, [t, `G${tag}-%`, t]);
      await exec(ANALYZE_GENERATED);
      await exec(insertSales(tag), [t]);
      await exec(insertSaleItems, [t]);
      await exec(insertSalePayments, [t, t]);
      await exec(insertSaleRefunds(tag), [t]);
      const [{ count }] = await c.execute<Array<{ count: string }>>(COUNT_GENERATED_ITEMS, [], 'all', ctx);
      lines += Number(count);
    });
    made += n;
    o.log(`batch ${batch + 1}: ${made}/${o.sales} sales, ${lines} lines`);
  }
  for (const statement of VACUUM_ANALYZE_SALES_TABLES) await conn.execute(statement, [], 'run');
  const days = await recomputeAllDailySummaries(em, t);
  o.log(`daily summaries recomputed: ${days} (location, day) rows`);
  return { sales: made, lines };
}
