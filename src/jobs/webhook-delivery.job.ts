import type { AppServices } from '../services/app-services';
import type { Mailer } from '../services/core/mailer';
import { deliverWebhook } from '../services/webhooks/delivery-worker';
import { WEBHOOK_DELIVERY_JOB, WebhookDeliveryJob } from '../services/webhooks/webhook-jobs';
import { jobContext } from './job-context';

/** One fetch a second per worker (pg-boss's polling): 5 workers x 10 = up to 50 deliveries a second a process. */
const DELIVERIES_PER_FETCH = 10;

/**
 * `deliver-webhook`: one attempt per job; the worker schedules the next
 * attempt itself (docs/webhooks.md, Retries), so pg-boss's own retries only
 * cover a crash or a database error in between. Several workers per process
 * (WEBHOOK_CONCURRENCY), each sending up to DELIVERIES_PER_FETCH at once: a
 * slow endpoint holds only its worker's next fetch, never the deliveries
 * sent beside it or by the other workers.
 */
export function defineWebhookDelivery(services: AppServices, mailer: Mailer): void {
  services.jobs.define({
    name: WEBHOOK_DELIVERY_JOB,
    retryLimit: 3,
    retryDelaySeconds: 10,
    // A 10 s attempt plus its bookkeeping: a job active for longer belongs to a dead worker.
    expireInSeconds: 120,
    concurrency: services.config.webhooks.concurrency,
    jobsPerFetch: DELIVERIES_PER_FETCH,
    handler: (data: WebhookDeliveryJob) =>
      deliverWebhook(jobContext(services, WEBHOOK_DELIVERY_JOB, data.tenantId), services.config.webhooks, mailer, data),
  });
}
