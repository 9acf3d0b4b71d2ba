import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from './auth/actor';
import { Permission } from './auth/permissions';
import { Loaders } from './loaders';
import type { Logger } from './logger';
import type { AppServices } from './services';

/**
 * Per request (HTTP) or per subscription (WS): its own EntityManager fork,
 * the tenant and actor from the token, permissions, and fresh DataLoaders.
 * Services take it first so every call is visibly tenant-scoped.
 */
export interface RequestContext {
  requestId: string;
  /** The client's address as Express sees it (req.ip; behind a proxy set Express's `trust proxy`). */
  clientAddress?: string;
  em: EntityManager;
  tenantId?: string;
  actor?: Actor;
  permissions: ReadonlySet<Permission>;
  loaders: Loaders;
  log: Logger;
  services: AppServices;
  /** Work to run once the surrounding transaction commits (event publishing); absent outside one. */
  afterCommit?: Array<() => void | Promise<void>>;
}

/** A context that is known to belong to a tenant (every authenticated request). */
export type TenantContext = RequestContext & { tenantId: string; actor: Actor };
