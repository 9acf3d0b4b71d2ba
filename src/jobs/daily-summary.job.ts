import type { AppServices } from '../services/app-services';
import { daysTouchedBySale, recomputeDailySummary } from '../services/reporting/daily-summary';
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
  const days = 'saleId' in data ? await daysTouchedBySale(em, data.tenantId, data.saleId) : [data];
  for (const day of days) await recomputeDailySummary(em, data.tenantId, day.locationId, day.date);
}
