import type { AppServices } from '../services/app-services';
import type { Mailer } from '../services/core/mailer';
import { deliverWebhook } from '../services/webhooks/delivery-worker';
import { WEBHOOK_DELIVERY_JOB, WebhookDeliveryJob } from '../services/webhooks/webhook-jobs';
import { jobContext } from './job-context';

/**
 * `deliver-webhook`: one attempt per job; the worker schedules the next
 * attempt itself (docs/webhooks.md, Retries), so pg-boss's own retries only
 * cover a crash or a database error in between. Several workers per process
 * (WEBHOOK_CONCURRENCY), one job each: a slow endpoint holds only its own.
 */
export function defineWebhookDelivery(services: AppServices, mailer: Mailer): void {
  services.jobs.define({
    name: WEBHOOK_DELIVERY_JOB,
    retryLimit: 3,
    retryDelaySeconds: 10,
    // A 10 s attempt plus its bookkeeping: a job active for longer belongs to a dead worker.
    expireInSeconds: 120,
    concurrency: services.config.webhooks.concurrency,
    handler: (data: WebhookDeliveryJob) =>
      deliverWebhook(jobContext(services, WEBHOOK_DELIVERY_JOB, data.tenantId), services.config.webhooks, mailer, data),
  });
}
