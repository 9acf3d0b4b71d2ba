/**
 * The follow-up work checkout enqueues inside its transactions, so a committed
 * sale never loses it. The queues and their handlers are defined in
 * src/jobs/definitions.ts.
 */
import { TenantContext } from '../../../context';
import { JOBS } from '../../../jobs/job-names';

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

/** Sales of one location and day completed within one such slot share one summary recompute. */
const SUMMARY_SLOT_SECONDS = 5;
/**
 * The recompute starts this long after its slot has ended, so the slot's
 * checkouts (whose slot is their transaction's start) have committed: far
 * above a checkout transaction's duration. The end-of-day report recomputes
 * the day again in any case.
 */
const SUMMARY_GRACE_SECONDS = 5;

/** The days a voided or refunded sale touches are recomputed (its completion day, the void's, the refunds'). */
export async function enqueueDailySummary(tx: TenantContext, data: DailySummaryJobData): Promise<void> {
  await tx.services.jobs.enqueue(tx, JOBS.updateDailySummary, data);
}

/**
 * A completed sale's day at its location is recomputed once per slot, not
 * once per sale: in a rush every checkout enqueuing its own recompute of the
 * same day made the queue grow faster than it was worked. The first sale of a
 * slot inserts the job; the others' inserts meet it on pg-boss's singleton
 * index and do nothing (still one statement each).
 */
export async function enqueueDaySummary(
  tx: TenantContext,
  day: { tenantId: string; locationId: string; date: string },
): Promise<void> {
  await tx.services.jobs.enqueue(tx, JOBS.updateDailySummary, day, {
    singletonKey: `${day.tenantId}:${day.locationId}:${day.date}`,
    singletonSeconds: SUMMARY_SLOT_SECONDS,
    // The slot is taken from the database's clock, this from ours: the grace also covers their skew.
    startAfter: new Date(Date.now() + (SUMMARY_SLOT_SECONDS + SUMMARY_GRACE_SECONDS) * 1000),
  });
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-24": the calendar day of `instant` on the wall clock of `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export async function enqueueReceiptEmail(tx: TenantContext, data: ReceiptEmailJobData): Promise<void> {
  await tx.services.jobs.enqueue(tx, JOBS.sendReceiptEmail, data);
}
