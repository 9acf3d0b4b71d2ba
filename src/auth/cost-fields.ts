import { MiddlewareFn, UseMiddleware } from 'type-graphql';
import type { RequestContext } from '../context';

const hideWithoutCostPermission: MiddlewareFn<RequestContext> = ({ context }, next) =>
  context.permissions.has('inventory:cost:read') ? next() : Promise.resolve(null);

/**
 * Marks a (nullable) cost field: it reads as null for a caller without
 * `inventory:cost:read` (cashiers, devices) rather than failing the whole
 * query, so a register's product fragment works for every role.
 */
export const CostField = () => UseMiddleware(hideWithoutCostPermission);
