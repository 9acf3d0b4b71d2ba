import { PubSub } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import type { Logger } from '../../logger';
import { BoundedPublisher, fastReconnect } from './bounded-publisher';

/**
 * Where domain events go after commit and where subscriptions read them.
 * Payloads are plain JSON (ids, strings): they cross Redis unchanged.
 */
export interface EventBus {
  readonly kind: 'memory' | 'redis';
  /** Bounded: fails within a few hundred ms (at once while Redis is known to be down), never hangs. */
  publish(topic: string, payload: object): Promise<void>;
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  /**
   * Like `subscribe`, but resolves only once the subscription is registered
   * (with Redis: SUBSCRIBE acknowledged), so every event published after it
   * resolves is delivered. `return()` unsubscribes at once, even while a
   * `next()` is waiting.
   */
  listen<T>(topic: string): Promise<AsyncIterableIterator<T>>;
  /** Resolves when the bus answers within `timeoutMs` (default 400 ms), rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Calls `listener` each time the bus is connected again after losing Redis; returns the unsubscribe. */
  onReconnect(listener: () => void): () => void;
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

  onReconnect(): () => void {
    return () => {}; // never disconnected
  }

  async close(): Promise<void> {}
}

/** Fans events out through Redis so every API instance sees every event. */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis' as const;
  private readonly publisher: BoundedPublisher;
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;
  private readonly reconnectListeners = new Set<() => void>();

  constructor(url: string, log?: Logger) {
    this.publisher = new BoundedPublisher(url, log);
    // Subscriptions are not on the request path: SUBSCRIBE may wait for a reconnect, and ioredis
    // re-registers every channel once Redis is back (autoResubscribe).
    this.subscriber = new Redis(url, { retryStrategy: fastReconnect });
    this.subscriber.on('error', () => {});
    let lost = false;
    this.subscriber.on('close', () => (lost = true));
    // 'ready' comes after ioredis has re-sent the SUBSCRIBEs: events from now on are heard again.
    this.subscriber.on('ready', () => {
      if (lost) for (const listener of [...this.reconnectListeners]) listener();
      lost = false;
    });
    this.pubsub = new RedisPubSub({ publisher: this.publisher.client, subscriber: this.subscriber });
  }

  /** Same wire format as RedisPubSub.publish (JSON), through the bounded publisher. */
  async publish(topic: string, payload: object): Promise<void> {
    await this.publisher.publish(topic, JSON.stringify(payload));
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    return this.pubsub.asyncIterableIterator(topic) as AsyncIterableIterator<T>;
  }

  listen<T>(topic: string): Promise<AsyncIterableIterator<T>> {
    return listenOn<T>(this.pubsub, topic);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async ping(timeoutMs = 400): Promise<void> {
    await this.publisher.ping(timeoutMs);
  }

  async close(): Promise<void> {
    // Not pubsub.close(): its quit() waits for a reply that never comes when Redis is unreachable.
    await this.publisher.close();
    if (this.subscriber.status === 'ready') await this.subscriber.quit().catch(() => this.subscriber.disconnect());
    else this.subscriber.disconnect();
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

export function createEventBus(redisUrl?: string, log?: Logger): EventBus {
  return redisUrl ? new RedisEventBus(redisUrl, log) : new InMemoryEventBus();
}
