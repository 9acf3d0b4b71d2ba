import { TenantContext } from '../context';
import type { JobQueue } from '../jobs/job-queue';

/**
 * The follow-up work checkout enqueues inside its transactions (a committed
 * sale never loses it). The queues are defined here without handlers so
 * enqueueing works on its own; the jobs module defines them again with their
 * handlers (src/jobs/definitions.ts, same names), which replaces these.
 */
export const CHECKOUT_JOBS = {
  /** data: DailySummaryJobData. After a completion, a void of a completed sale, or a refund. */
  updateDailySummary: 'update-daily-summary',
  /** data: ReceiptEmailJobData. A completed sale whose customer has an email, and sendReceiptEmail. */
  sendReceiptEmail: 'send-receipt-email',
} as const;

export interface DailySummaryJobData {
  tenantId: string;
  locationId: string;
  saleId: string;
  /** ISO instant of the sale's completion: the day (in the location's zone) to recompute. */
  completedAt: string;
}

export interface ReceiptEmailJobData {
  tenantId: string;
  saleId: string;
  email: string;
}

const RETRY = { retryLimit: 3, retryDelaySeconds: 5 };

export function defineCheckoutJobs(jobs: JobQueue): void {
  for (const name of Object.values(CHECKOUT_JOBS)) jobs.define({ name, ...RETRY });
}

export async function enqueueDailySummary(tx: TenantContext, data: DailySummaryJobData): Promise<void> {
  await tx.services.jobs.enqueue(tx, CHECKOUT_JOBS.updateDailySummary, data);
}

export async function enqueueReceiptEmail(tx: TenantContext, data: ReceiptEmailJobData): Promise<void> {
  await tx.services.jobs.enqueue(tx, CHECKOUT_JOBS.sendReceiptEmail, data);
}
