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
}

function seconds(value: string | undefined, fallback: number): number {
  const parsed = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

export function loadWebhookConfig(env: NodeJS.ProcessEnv, production: boolean): WebhookConfig {
  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE === 'true';
  return {
    allowPrivate,
    requireHttps: production && !allowPrivate,
    timeoutMs: seconds(env.WEBHOOK_TIMEOUT_SECONDS, 10) * 1000,
    retryBaseSeconds: seconds(env.WEBHOOK_RETRY_BASE_SECONDS, 10),
    maxRetryDelaySeconds: seconds(env.WEBHOOK_MAX_RETRY_DELAY_SECONDS, 6 * 3600),
    retryForSeconds: seconds(env.WEBHOOK_RETRY_FOR_SECONDS, 3 * 24 * 3600),
    disableAfterSeconds: seconds(env.WEBHOOK_DISABLE_AFTER_SECONDS, 24 * 3600),
    rotationOverlapSeconds: seconds(env.WEBHOOK_ROTATION_OVERLAP_SECONDS, 24 * 3600),
    concurrency: Math.max(1, Math.floor(seconds(env.WEBHOOK_CONCURRENCY, 5))),
  };
}
