import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { query } from '../services/core/sql';
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
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const t = o.tenantId;

  for (const [i, zone] of o.timezones.entries()) {
    await query(em, insertLocation, { tenant: t, name: `Store ${zone}`, code: `G${tag}${i}`, zone });
  }
  await query(em, insertTerminals, { tenant: t, codes: `G${tag}%` });
  await query(em, insertProducts(tag), { tenant: t, count: o.products });
  await query(em, insertCashiers(tag), { tenant: t, count: o.cashiers });

  let made = 0;
  let lines = 0;
  for (let batch = 0; made < o.sales; batch++) {
    const n = Math.min(o.batchSize, o.sales - made);
    await em.transactional(async (tx) => {
      const tenant = { tenant: t };
      await query(tx, createGeneratedSales, {
        ...tenant,
        codes: `G${tag}%`,
        emails: `gen-${tag.toLowerCase()}-%`,
        days: o.days,
        count: n,
        made,
        endDate: o.endDate,
        nearMidnight: o.nearMidnightShare,
        voids: o.voidShare,
        voidsAndRefunds: o.voidShare + o.refundShare,
      });
      await query(tx, createGeneratedItems, { ...tenant, skus: `G${tag}-%` });
      await tx.execute(ANALYZE_GENERATED);
      await query(tx, insertSales(tag), tenant);
      await query(tx, insertSaleItems, tenant);
      await query(tx, insertSalePayments, tenant);
      await query(tx, insertSaleRefunds(tag), tenant);
      const [{ count }] = await query<{ count: string }>(tx, COUNT_GENERATED_ITEMS, {});
      lines += Number(count);
    });
    made += n;
    o.log(`batch ${batch + 1}: ${made}/${o.sales} sales, ${lines} lines`);
  }
  for (const statement of VACUUM_ANALYZE_SALES_TABLES) await em.getConnection().execute(statement, [], 'run');
  const days = await recomputeAllDailySummaries(em, t);
  o.log(`daily summaries recomputed: ${days} (location, day) rows`);
  return { sales: made, lines };
}
