import type { Express } from 'express';
import type { AppServices } from '../services/app-services';
import { withTimeout } from '../services/realtime/bounded-publisher';

/** Each dependency gets this long; both are checked at once, so an answer comes within about 400 ms. */
const CHECK_TIMEOUT_MS = 400;

type State = 'up' | 'down';

async function check(probe: () => Promise<unknown>, what: string): Promise<State> {
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS, `${what} did not answer within ${CHECK_TIMEOUT_MS} ms`);
    return 'up';
  } catch {
    return 'down';
  }
}

/**
 * `/healthz`: every dependency's state, answered within half a second
 * whatever is down (200 when all are up, else 503). `/readyz`: whether this
 * instance can take sales, which needs the database only; Redis down means
 * displays and dashboards miss events, not that checkout stops, so it stays
 * ready (docs/operations.md: what a load balancer should probe).
 */
export function healthRoutes(app: Express, services: AppServices): void {
  const states = async () => {
    const [database, pubsub] = await Promise.all([
      check(() => services.orm.em.getConnection().execute('select 1'), 'database'),
      services.events.kind === 'memory'
        ? Promise.resolve<State>('up')
        : check(() => services.events.ping(CHECK_TIMEOUT_MS), 'pubsub'),
    ]);
    return { database, pubsub, pubsubKind: services.events.kind };
  };
  app.get('/healthz', async (_req, res) => {
    const s = await states();
    const healthy = s.database === 'up' && s.pubsub === 'up';
    if (!healthy) services.log.warn(s, 'health check: a dependency is down');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', ...s });
  });
  app.get('/readyz', async (_req, res) => {
    const s = await states();
    const ready = s.database === 'up';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...s });
  });
}
