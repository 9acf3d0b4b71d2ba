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

export function createEventBus(redisUrl?: string): EventBus {
  return redisUrl ? new RedisEventBus(redisUrl) : new InMemoryEventBus();
}
