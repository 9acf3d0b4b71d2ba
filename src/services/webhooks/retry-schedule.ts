import type { WebhookConfig } from './webhook-config';

type Schedule = Pick<WebhookConfig, 'retryBaseSeconds' | 'maxRetryDelaySeconds' | 'retryForSeconds'>;

/**
 * When to try again after `attempts` failed attempts, or null when the
 * delivery has been retried long enough. Exponential (base * 2^(n-1), capped)
 * with +-20 % jitter so endpoints that failed together do not all come back
 * in the same second. `random` is injectable for tests.
 */
export function nextAttemptAt(
  schedule: Schedule,
  firstAttemptAt: Date,
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const exponential = schedule.retryBaseSeconds * 2 ** Math.max(0, attempts - 1);
  const delaySeconds = Math.min(exponential, schedule.maxRetryDelaySeconds) * (0.8 + 0.4 * random());
  const next = new Date(now.getTime() + delaySeconds * 1000);
  return next.getTime() - firstAttemptAt.getTime() > schedule.retryForSeconds * 1000 ? null : next;
}
