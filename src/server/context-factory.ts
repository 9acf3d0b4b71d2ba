import { randomUUID } from 'node:crypto';
import { Permission } from '../auth/permissions';
import { bearerToken } from '../auth/tokens';
import { RequestContext } from '../context';
import { TENANT_FILTER } from '../entities/tenant-scoped';
import { isDatabaseUnavailable } from '../db/db-availability';
import { DomainError, serviceUnavailable } from '../errors';
import { Loaders } from '../loaders';
import type { AppServices } from '../services';

export type ServerContext = RequestContext & { authError?: DomainError };

/**
 * A fresh context: its own EntityManager fork with the tenant filter bound to
 * the token's tenant. A bad token does not fail here: public operations
 * (login) still work, and the auth checker reports `authError` on the rest.
 */
export async function createContext(
  services: AppServices,
  authorization: unknown,
  requestId: string = randomUUID(),
  clientAddress?: string,
): Promise<ServerContext> {
  const em = services.orm.em.fork();
  const ctx: ServerContext = {
    requestId,
    clientAddress,
    em,
    permissions: new Set<Permission>(),
    loaders: new Loaders(),
    log: services.log.child({ requestId }),
    services,
  };
  const token = bearerToken(authorization);
  if (!token) return ctx;
  try {
    const auth = await services.auth.authenticate(em, token);
    em.setFilterParams(TENANT_FILTER, { tenantId: auth.tenantId });
    return { ...ctx, ...auth };
  } catch (error) {
    if (error instanceof DomainError) return { ...ctx, authError: error };
    if (isDatabaseUnavailable(error)) {
      // Thrown from the context function, the `http` extension sets the status (Apollo Server 5).
      const unavailable = serviceUnavailable();
      unavailable.extensions.http = { status: 503 };
      throw unavailable;
    }
    throw error;
  }
}
