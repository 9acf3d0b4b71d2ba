import { Role } from '../entities/enums';

/** Every permission the API checks (docs/api.md, Tenancy and people). */
export const PERMISSIONS = [
  'pos:terminal:create',
  'pos:terminal:read',
  'pos:terminal:update',
  'pos:terminal:delete',
  'pos:session:open',
  'pos:session:close',
  'pos:session:read',
  'pos:session:reconcile',
  'pos:sale:create',
  'pos:sale:read',
  'pos:sale:void',
  'pos:sale:void:with_approval',
  'pos:sale:discount',
  'pos:sale:price_override',
  'pos:refund:create',
  'pos:refund:read',
  'pos:report:read',
  'inventory:product:write',
  'inventory:stock:write',
  'inventory:read',
  'inventory:cost:read',
  'user:manage',
  'audit:read',
  'tenant:settings',
  'tenant:read',
  'webhook:manage',
] as const;

/** What a device token carries instead of a role: one marker for its kind. */
export type DevicePermission = 'device:DISPLAY' | 'device:HARDWARE_AGENT';

export type Permission = (typeof PERMISSIONS)[number] | DevicePermission;

/**
 * A cashier sells, discounts, overrides prices and refunds (beyond the tenant's
 * approval policy only with a manager's PIN or token) and voids only with one
 * (`pos:sale:void:with_approval`; `pos:sale:void` voids on one's own authority).
 */
const CASHIER: Permission[] = [
  'tenant:read',
  'pos:terminal:read',
  'pos:session:open',
  'pos:session:close',
  'pos:session:read',
  'pos:sale:create',
  'pos:sale:read',
  'pos:sale:void:with_approval',
  'pos:sale:discount',
  'pos:sale:price_override',
  'pos:refund:create',
  'pos:refund:read',
  'inventory:read',
];

/**
 * Managers run the floor (costs included); only owners manage people and tenant settings, read the
 * audit log and decide where the business's data is sent (webhooks).
 */
const OWNER_ONLY: readonly Permission[] = ['user:manage', 'tenant:settings', 'audit:read', 'webhook:manage'];
const MANAGER: Permission[] = PERMISSIONS.filter((p) => !OWNER_ONLY.includes(p));

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.OWNER]: PERMISSIONS,
  [Role.MANAGER]: MANAGER,
  [Role.CASHIER]: CASHIER,
};

export function permissionsForRoles(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}
