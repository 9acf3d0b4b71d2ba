import { RedisEventBus } from '../../src/services/realtime/event-bus';
import { requireRedisUrl, startTestApp } from '../support/test-app';

describe('Redis event bus', () => {
  it('carries an event published on one instance to a subscriber on another', async () => {
    const url = requireRedisUrl();
    const a = new RedisEventBus(url);
    const b = new RedisEventBus(url);
    try {
      await Promise.all([a.ping(), b.ping()]);
      const topic = `test:${Date.now()}:${Math.random()}`;
      const iterator = b.subscribe<{ value: string }>(topic);
      const received = iterator.next();
      // The subscription is registered asynchronously; publish until it is heard.
      let got: IteratorResult<{ value: string }> | undefined;
      received.then((r) => (got = r));
      for (let i = 0; i < 50 && !got; i++) {
        await a.publish(topic, { value: '12.50' });
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await received).value).toEqual({ value: '12.50' });
      await iterator.return?.();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('reports Redis in the health check of a server configured with REDIS_URL', async () => {
    const t = await startTestApp({ redis: true });
    try {
      const health = await (await fetch(t.url.replace('/graphql', '/healthz'))).json();
      expect(health).toEqual({ status: 'ok', database: 'up', pubsub: 'up', pubsubKind: 'redis' });
    } finally {
      await t.close();
    }
  });

  it('fails loudly when REDIS_URL points at nothing', async () => {
    const bus = new RedisEventBus('redis://127.0.0.1:1');
    await expect(bus.ping()).rejects.toThrow();
    await bus.close();
  });
});
