import path from 'node:path';
import { compactCatalogueChanges } from './compact-catalogue-changes.job';
import { expireCarts } from './expire-carts.job';
import type { AppServices } from '../services';
import { Mailer } from '../services/core/mailer';
import { autoCloseSessions } from './auto-close-sessions';
import { DailySummaryJob, updateDailySummary } from './daily-summary.job';
import { EodReportJob, generateEodReport, scheduleEodReports } from './eod-report.job';
import {
  RELEASE_CHECKOUT_JOB,
  ReleaseCheckoutData,
  releaseFailedCheckout,
} from '../services/sales/checkout/checkout-release';
import { jobContext } from './job-context';
import { JOBS } from './job-names';
import { pruneWebhookHistory } from './prune-webhook-history.job';
import { ReceiptEmailJob, sendReceiptEmail } from './receipt-email.job';
import { defineWebhookDelivery } from './webhook-delivery.job';
import { reconcileReportSummaries } from './reconcile-summaries.job';

/** Retries for work that talks to the database or a mail server: 3 more tries, 5 s, 10 s, 20 s apart. */
const RETRY = { retryLimit: 3, retryDelaySeconds: 5 };
/** Crons run again at their next tick anyway: one quick retry is enough. */
const CRON_RETRY = { retryLimit: 1, retryDelaySeconds: 10 };
/**
 * How long a job may stay active before it counts as lost (its worker died)
 * and is retried: a few times what the job takes when all is well, so a
 * dead worker's job comes back within a minute or two (docs/jobs.md).
 */
const EXPIRY = { quick: { expireInSeconds: 30 }, mail: { expireInSeconds: 90 }, sweep: { expireInSeconds: 120 } };
/** How far back the summary reconciliation looks: yesterday and today in any time zone. */
const RECONCILE_HOURS = 36;

/**
 * Defines every queue with its handler, retry policy and cron. Called once by
 * the server (src/bootstrap.ts) and by the worker (src/worker.ts) before
 * `jobs.start`, so each queue is defined in exactly one place. Every handler
 * is idempotent: a retried or duplicated job changes nothing more.
 */
export function registerJobs(services: AppServices): void {
  const { jobs, config } = services;
  const mailer = new Mailer(config.smtpUrl, path.join(config.dataDir, 'outbox'));

  jobs.define({
    name: JOBS.sendReceiptEmail,
    ...RETRY,
    ...EXPIRY.mail,
    handler: (data: ReceiptEmailJob) => sendReceiptEmail(services, mailer, data),
  });
  jobs.define({
    name: JOBS.updateDailySummary,
    ...RETRY,
    ...EXPIRY.quick,
    handler: (data: DailySummaryJob) => updateDailySummary(services, data),
  });
  jobs.define({
    name: JOBS.expireCarts,
    ...CRON_RETRY,
    ...EXPIRY.sweep,
    cron: '* * * * *',
    handler: async () => {
      const now = new Date();
      await expireCarts(services, now);
      await services.reservations.releaseExpiredReservations(services.orm.em.fork(), now);
    },
  });
  jobs.define({
    name: JOBS.autoCloseSessions,
    ...CRON_RETRY,
    ...EXPIRY.sweep,
    cron: '* * * * *',
    handler: async () => {
      await autoCloseSessions(services);
    },
  });
  jobs.define({
    name: JOBS.scheduleEodReports,
    ...CRON_RETRY,
    ...EXPIRY.quick,
    cron: '*/10 * * * *',
    handler: () => scheduleEodReports(services, JOBS.generateEodReport),
  });
  jobs.define({
    name: JOBS.generateEodReport,
    ...RETRY,
    ...EXPIRY.mail,
    handler: (data: EodReportJob) => generateEodReport(services, mailer, data),
  });
  defineWebhookDelivery(services, mailer);
  jobs.define({
    name: JOBS.compactCatalogueChanges,
    ...CRON_RETRY,
    ...EXPIRY.sweep,
    cron: '17 3 * * *',
    handler: async () => {
      await compactCatalogueChanges(services);
    },
  });
  jobs.define({
    name: JOBS.pruneWebhookHistory,
    ...CRON_RETRY,
    ...EXPIRY.sweep,
    cron: '47 3 * * *',
    handler: async () => {
      await pruneWebhookHistory(services);
    },
  });
  jobs.define({
    name: RELEASE_CHECKOUT_JOB,
    // A gateway that has not heard of an authorization yet may still: ask again for a few minutes.
    retryLimit: 5,
    retryDelaySeconds: 30,
    ...EXPIRY.quick,
    handler: async (data: ReleaseCheckoutData) => {
      await releaseFailedCheckout(
        jobContext(services, RELEASE_CHECKOUT_JOB, data.tenantId),
        services.gateways,
        services.idempotency,
        data,
      );
    },
  });
  jobs.define({
    name: JOBS.reconcileDailySummaries,
    ...CRON_RETRY,
    ...EXPIRY.sweep,
    cron: '*/5 * * * *',
    handler: async () => {
      await reconcileReportSummaries(services, RECONCILE_HOURS);
    },
  });
}
