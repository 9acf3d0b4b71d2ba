import type { AppServices } from '../services/app-services';
import { recomputeDaysSince } from '../services/reporting/daily-summary';
import { query } from '../services/core/sql';
import { jobContext } from './job-context';
import { TENANTS_CHANGED_SINCE } from './jobs.sql';

/**
 * The `reconcile-daily-summaries` cron (every 5 minutes): for every tenant
 * with a sale, void or refund in the last `lookbackHours`, recomputes each (location, local
 * day) that had one, daily and report summaries alike. A day's figures
 * change only through events on that day, so this repairs whatever a lost,
 * failed or overtaken job left behind; recomputing is idempotent. Returns
 * how many days it recomputed.
 */
export async function reconcileReportSummaries(
  services: AppServices,
  lookbackHours: number,
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - lookbackHours * 60 * 60 * 1000);
  const tenants = await query<{ tenant_id: string }>(services.orm.em.fork(), TENANTS_CHANGED_SINCE, { since });
  let days = 0;
  for (const { tenant_id } of tenants) {
    const { em } = jobContext(services, 'reconcile-daily-summaries', tenant_id);
    days += await recomputeDaysSince(em, tenant_id, since);
  }
  return days;
}
