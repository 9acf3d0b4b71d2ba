import { PubSub } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';

/**
 * Where domain events go after commit and where subscriptions read them.
 * Payloads are plain JSON (ids, strings): they cross Redis unchanged.
 */
export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish(topic: string, payload: object): Promise<void>;
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  /**
   * Like `subscribe`, but resolves only once the subscription is registered
   * (with Redis: SUBSCRIBE acknowledged), so every event published after it
   * resolves is delivered. `return()` unsubscribes at once, even while a
   * `next()` is waiting.
   */
  listen<T>(topic: string): Promise<AsyncIterableIterator<T>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One process only: fine for development and a single instance. */
export class InMemoryEventBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly pubsub = new PubSub();

  async publish(topic: string, payload: object): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    return this.pubsub.asyncIterableIterator<T>(topic);
  }

  listen<T>(topic: string): Promise<AsyncIterableIterator<T>> {
    return listenOn<T>(this.pubsub, topic);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

/** Fans events out through Redis so every API instance sees every event. */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;

  constructor(url: string) {
    const options = { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    this.pubsub = new RedisPubSub({ publisher: this.publisher, subscriber: this.subscriber });
  }

  async publish(topic: string, payload: object): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    return this.pubsub.asyncIterableIterator(topic) as AsyncIterableIterator<T>;
  }

  listen<T>(topic: string): Promise<AsyncIterableIterator<T>> {
    return listenOn<T>(this.pubsub, topic);
  }

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    await this.pubsub.close();
    for (const client of [this.publisher, this.subscriber]) {
      // quit() waits for a reply that never comes when the server is unreachable
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  }
}

/** What PubSub and RedisPubSub have in common. */
interface PubSubEngine {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engines' own signature
  subscribe(topic: string, onMessage: (payload: any) => void): Promise<number>;
  unsubscribe(id: number): void;
}

/** A queue fed by one registered subscription (see EventBus.listen). */
async function listenOn<T>(engine: PubSubEngine, topic: string): Promise<AsyncIterableIterator<T>> {
  const queued: T[] = [];
  const waiting: Array<(result: IteratorResult<T>) => void> = [];
  let open = true;
  const id = await engine.subscribe(topic, (payload: T) => {
    if (!open) return;
    const wake = waiting.shift();
    if (wake) wake({ value: payload, done: false });
    else queued.push(payload);
  });
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (queued.length > 0) return Promise.resolve({ value: queued.shift()!, done: false });
      if (!open) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    async return() {
      if (open) {
        open = false;
        engine.unsubscribe(id);
        queued.length = 0;
        for (const wake of waiting.splice(0)) wake({ value: undefined, done: true });
      }
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

export function createEventBus(redisUrl?: string): EventBus {
  return redisUrl ? new RedisEventBus(redisUrl) : new InMemoryEventBus();
}
