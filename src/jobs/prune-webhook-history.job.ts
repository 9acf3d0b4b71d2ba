import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../services';
import { query } from '../services/core/sql';
import { PRUNE_WEBHOOK_DELIVERIES, PRUNE_WEBHOOK_EVENTS } from './jobs.sql';

/** Rows deleted per statement: each is its own short transaction, so no lock is held for long. */
const BATCH = 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The `prune-webhook-history` cron (nightly): deletes the deliveries that
 * ended (SUCCEEDED or FAILED) more than WEBHOOK_RETENTION_DAYS ago, then the
 * events older than that with no delivery left (docs/webhooks.md,
 * Retention). Never a PENDING delivery, nor the event of one.
 */
export async function pruneWebhookHistory(
  services: AppServices,
  options: { now?: Date; batch?: number } = {},
): Promise<{ deliveries: number; events: number }> {
  const { retentionDays } = services.config.webhooks;
  if (!retentionDays) return { deliveries: 0, events: 0 };
  const before = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const em = services.orm.em.fork();
  const limit = options.batch ?? BATCH;
  const deliveries = await deleteInBatches(em, PRUNE_WEBHOOK_DELIVERIES, before, limit);
  const events = await deleteInBatches(em, PRUNE_WEBHOOK_EVENTS, before, limit);
  return { deliveries, events };
}

async function deleteInBatches(em: EntityManager, sql: string, before: Date, limit: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [{ n }] = await query<{ n: number }>(em, sql, { before, limit });
    deleted += n;
    if (n < limit) return deleted;
  }
}
