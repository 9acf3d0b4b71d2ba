import CircuitBreaker from 'opossum';
import Redis, { RedisOptions } from 'ioredis';
import type { Logger } from '../../logger';

/** How long one PUBLISH may take before it counts as failed (ms). */
const PUBLISH_TIMEOUT_MS = 200;
/** How long the circuit stays open before one publish is tried again (ms). */
const BREAKER_RESET_MS = 500;

/**
 * Reconnect quickly and forever: 50 ms, 100 ms, ... capped at 250 ms (a
 * refused connection costs next to nothing), so that events flow again and
 * subscriptions re-register within a quarter of a second of Redis coming
 * back, instead of ioredis's growing default delay.
 */
export const fastReconnect = (times: number) => Math.min(times * 50, 250);

/** Options for a Redis connection on the request path: fail at once rather than queue or retry. */
export const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: fastReconnect,
  connectTimeout: 2000,
};

/**
 * A Redis publisher that never makes the caller wait long: no offline queue
 * (a publish while disconnected fails at once), no per-command retries, a
 * 200 ms timeout per publish, and a circuit breaker (opossum) that, once
 * publishes fail, rejects the next ones immediately for half a second before
 * trying one again. A failed publish is lost, by design: every cart event
 * carries the cart's full state and version (docs/displays.md), so the next
 * one repairs what a display missed.
 */
export class BoundedPublisher {
  readonly client: Redis;
  private readonly breaker: CircuitBreaker<[string, string], number>;

  constructor(url: string, log?: Logger) {
    this.client = new Redis(url, FAIL_FAST);
    // A connection error is expected while Redis is down; the breaker and /healthz report it.
    this.client.on('error', () => {});
    this.breaker = new CircuitBreaker((channel: string, message: string) => this.client.publish(channel, message), {
      timeout: PUBLISH_TIMEOUT_MS,
      resetTimeout: BREAKER_RESET_MS,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      rollingCountTimeout: 5000,
    });
    // Connected again: no need to wait for the breaker's next trial.
    this.client.on('ready', () => this.breaker.close());
    this.breaker.on('open', () => log?.warn('pub/sub circuit open: events are dropped until Redis answers'));
    this.breaker.on('close', () => log?.info('pub/sub circuit closed: events flow again'));
  }

  /**
   * Publishes, or fails within PUBLISH_TIMEOUT_MS (at once while Redis is
   * unreachable). While the circuit is open the event is dropped without an
   * error: the circuit's opening was logged once, not once per event.
   */
  async publish(channel: string, message: string): Promise<void> {
    try {
      await this.breaker.fire(channel, message);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EOPENBREAKER') throw error;
    }
  }

  /** Resolves once connected, or rejects after `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    const started = Date.now();
    await this.waitReady(timeoutMs);
    await withTimeout(this.client.ping(), Math.max(1, timeoutMs - (Date.now() - started)), 'Redis ping timed out');
  }

  get circuitOpen(): boolean {
    return this.breaker.opened;
  }

  async close(): Promise<void> {
    this.breaker.shutdown();
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  private waitReady(timeoutMs: number): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        reject(new Error(`Redis not connected (${this.client.status})`));
      }, timeoutMs);
      timer.unref();
      this.client.once('ready', onReady);
    });
  }
}

/** `promise`, or a rejection after `ms` (the timer never keeps the process alive). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
