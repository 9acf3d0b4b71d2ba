import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { ThrottleConfig } from '../../config';
import { DomainError } from '../../errors';

/** The attempt kinds that are throttled, each counted under its own keys. */
export type AttemptKind = 'loginAccount' | 'loginAddress' | 'approvalUser' | 'approvalTerminal';

export interface AttemptKey {
  kind: AttemptKind;
  key: string;
}

export class TooManyAttempts extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', `Too many failed attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/**
 * Counts failed attempts (rate-limiter-flexible): in Redis when configured,
 * so every instance shares the counts, else in this process (without Redis
 * there is only one instance: the event bus is in-process too). Only
 * failures count; a key that has used its allowance is refused until its
 * window ends.
 */
export class AttemptThrottle {
  private built?: Record<AttemptKind, RateLimiterAbstract>;
  private redis?: Redis;

  constructor(
    private readonly config: ThrottleConfig,
    private readonly redisUrl?: string,
  ) {}

  /** Built on first use, so processes that never throttle (the worker, the CLI) open no Redis connection. */
  private get limiters(): Record<AttemptKind, RateLimiterAbstract> {
    if (this.built) return this.built;
    const { config } = this;
    if (this.redisUrl) this.redis = new Redis(this.redisUrl, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
    const limiter = (name: AttemptKind, points: number) => {
      const options = { keyPrefix: `${config.keyPrefix}:${name}`, points, duration: config.windowSeconds };
      return this.redis
        ? new RateLimiterRedis({ ...options, storeClient: this.redis })
        : new RateLimiterMemory(options);
    };
    return (this.built = {
      loginAccount: limiter('loginAccount', config.loginPerAccount),
      loginAddress: limiter('loginAddress', config.loginPerAddress),
      approvalUser: limiter('approvalUser', config.approvalPerUser),
      approvalTerminal: limiter('approvalTerminal', config.approvalPerTerminal),
    });
  }

  /** Throws TooManyAttempts when any key has used its allowance. */
  async assertAllowed(keys: AttemptKey[]): Promise<void> {
    let waitMs = 0;
    for (const { kind, key } of keys) {
      const limiter = this.limiters[kind];
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= limiter.points) waitMs = Math.max(waitMs, state.msBeforeNext);
    }
    if (waitMs > 0) throw new TooManyAttempts(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  async recordFailure(keys: AttemptKey[]): Promise<void> {
    await Promise.all(keys.map(({ kind, key }) => this.limiters[kind].penalty(key, 1)));
  }

  /** A success forgets the failures of these keys (a user who finally typed the right password). */
  async reset(keys: AttemptKey[]): Promise<void> {
    await Promise.all(keys.map(({ kind, key }) => this.limiters[kind].delete(key)));
  }

  async close(): Promise<void> {
    if (this.redis?.status === 'ready') await this.redis.quit().catch(() => this.redis!.disconnect());
    else this.redis?.disconnect();
  }
}
