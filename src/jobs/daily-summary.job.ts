import type { AppServices } from '../services';
import { recomputeDailySummary, recomputeDaysTouchedBySale } from '../services/reporting/daily-summary';
import { jobContext } from './job-context';

/** One day of one location, or every day a sale touches (completion, void, refunds). */
export type DailySummaryJob = { tenantId: string } & ({ locationId: string; date: string } | { saleId: string });

/**
 * `update-daily-summary`: recomputes the affected DailySalesSummary rows from
 * the source tables (never increments), each in one statement, so running the
 * job twice, or out of order with another, ends in the same rows.
 */
export async function updateDailySummary(services: AppServices, data: DailySummaryJob): Promise<void> {
  const { em } = jobContext(services, 'update-daily-summary', data.tenantId);
  if ('saleId' in data) await recomputeDaysTouchedBySale(em, data.tenantId, data.saleId);
  else await recomputeDailySummary(em, data.tenantId, data.locationId, data.date);
}
