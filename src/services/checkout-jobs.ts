/**
 * The follow-up work checkout enqueues inside its transactions, so a committed
 * sale never loses it. The queues and their handlers are defined in
 * src/jobs/definitions.ts.
 */
import { TenantContext } from '../context';
import { JOBS } from '../jobs/job-names';

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

export async function enqueueDailySummary(tx: TenantContext, data: DailySummaryJobData): Promise<void> {
  await tx.services.jobs.enqueue(tx, JOBS.updateDailySummary, data);
}

export async function enqueueReceiptEmail(tx: TenantContext, data: ReceiptEmailJobData): Promise<void> {
  await tx.services.jobs.enqueue(tx, JOBS.sendReceiptEmail, data);
}
