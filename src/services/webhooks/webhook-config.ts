/** The webhook settings the process reads from its environment (README, Configuration). */
export interface WebhookConfig {
  /** Allow endpoints on loopback/private/link-local addresses and plain http (tests, development). */
  allowPrivate: boolean;
  /** Plain http is refused unless allowPrivate, or outside production. */
  requireHttps: boolean;
  timeoutMs: number;
  /** First retry delay; doubled each attempt, capped at maxRetryDelaySeconds, with jitter. */
  retryBaseSeconds: number;
  maxRetryDelaySeconds: number;
  /** How long one delivery keeps being retried from its first attempt. */
  retryForSeconds: number;
  /** An endpoint failing every attempt for this long is disabled and its owners told. */
  disableAfterSeconds: number;
  /** How long the previous secret keeps signing after a rotation. */
  rotationOverlapSeconds: number;
  /** Deliveries one process sends at once (separate workers, so one slow endpoint holds one). */
  concurrency: number;
  /** Finished deliveries (and then their events) are deleted this many days after their last change; 0 keeps them. */
  retentionDays: number;
}

function nonNegative(value: string | undefined, fallback: number): number {
  const parsed = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export function loadWebhookConfig(env: NodeJS.ProcessEnv, production: boolean): WebhookConfig {
  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE === 'true';
  return {
    allowPrivate,
    requireHttps: production && !allowPrivate,
    timeoutMs: nonNegative(env.WEBHOOK_TIMEOUT_SECONDS, 10) * 1000,
    retryBaseSeconds: nonNegative(env.WEBHOOK_RETRY_BASE_SECONDS, 10),
    maxRetryDelaySeconds: nonNegative(env.WEBHOOK_MAX_RETRY_DELAY_SECONDS, 6 * 3600),
    retryForSeconds: nonNegative(env.WEBHOOK_RETRY_FOR_SECONDS, 3 * 24 * 3600),
    disableAfterSeconds: nonNegative(env.WEBHOOK_DISABLE_AFTER_SECONDS, 24 * 3600),
    rotationOverlapSeconds: nonNegative(env.WEBHOOK_ROTATION_OVERLAP_SECONDS, 24 * 3600),
    concurrency: Math.max(1, Math.floor(nonNegative(env.WEBHOOK_CONCURRENCY, 5))),
    retentionDays: nonNegative(env.WEBHOOK_RETENTION_DAYS, 30),
  };
}
