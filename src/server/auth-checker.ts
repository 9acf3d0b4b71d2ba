import { AuthChecker } from 'type-graphql';
import type { ServerContext } from './context-factory';
import { forbidden, unauthenticated } from '../errors';
import { Permission } from '../auth/permissions';

/**
 * `@Authorized()` needs any caller with a token; `@Authorized('a', 'b')` needs
 * one of those permissions (device tokens hold `device:<KIND>` only).
 */
export const authChecker: AuthChecker<ServerContext, Permission> = ({ context }, required) => {
  if (!context.actor || !context.tenantId) throw context.authError ?? unauthenticated();
  if (required.length === 0) return true;
  if (required.some((p) => context.permissions.has(p))) return true;
  throw forbidden(`Requires permission ${required.join(' or ')}`);
};
