import { randomUUID } from 'node:crypto';
import { TenantContext } from '../context';
import { TENANT_FILTER } from '../entities/tenant-scoped';
import { Loaders } from '../loaders';
import type { AppServices } from '../services';

/** The nil uuid: jobs act as "the system", which no audit column may record. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A tenant-scoped context for one job's work: its own EntityManager fork with
 * the tenant filter bound to `tenantId`, fresh loaders, and an actor with no
 * role. `actorUserId` names the user a job acts for (e.g. the cashier of an
 * expiring cart); without it the actor is the system, so job code must never
 * call anything that records "who did it" (`userIdOf`).
 */
export function jobContext(
  services: AppServices,
  job: string,
  tenantId: string,
  actorUserId = SYSTEM_USER_ID,
): TenantContext {
  const em = services.orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId });
  return {
    requestId: `${job}:${randomUUID()}`,
    em,
    tenantId,
    actor: { kind: 'user', userId: actorUserId, roles: [] },
    permissions: new Set(),
    loaders: new Loaders(),
    log: services.log.child({ job, tenantId }),
    services,
  };
}
