import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { badInput, notFound } from '../../errors';
import { tenantIdBySlug } from '../tenancy/tenancy.sql';
import { biRoleBinding, bindBiRole, defineBiRole } from './bi-access.sql';

export interface BiGrantOptions {
  tenantSlug: string;
  /** Default `bi_<slug>` (non-alphanumerics as `_`). */
  role?: string;
  /** PostgreSQL interval text, default 30s. */
  statementTimeout?: string;
}

export interface BiGrant {
  role: string;
  /** Generated; shown once, stored only as PostgreSQL's hash. */
  password: string;
  tenantId: string;
  statementTimeout: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const TIMEOUT = /^[1-9]\d{0,6}(ms|s|min)$/;

/**
 * Creates (or, for a role it made before, re-keys) a login role for a BI tool
 * that reads ONE tenant through the `reporting` views (docs/reports.md,
 * "Direct SQL for BI tools"): SELECT on those views and nothing else, read-only
 * transactions, a statement timeout, search_path `reporting`, and its
 * binding to the tenant in reporting_access.bi_roles, which the views filter
 * by. A new password every time. Refuses to touch a role it did not create
 * or one bound to another tenant. One transaction.
 */
export async function grantBiAccess(em: EntityManager, options: BiGrantOptions): Promise<BiGrant> {
  const role = options.role ?? `bi_${options.tenantSlug.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  if (!ROLE_NAME.test(role)) throw badInput('role', 'must be a lower-case PostgreSQL name of at most 63 characters');
  const statementTimeout = options.statementTimeout ?? '30s';
  if (!TIMEOUT.test(statementTimeout)) throw badInput('statementTimeout', 'must be like 500ms, 30s or 2min');
  const password = randomBytes(24).toString('base64url');
  return em.transactional(async (tx) => {
    const tenant = await tenantIdBySlug(tx, options.tenantSlug);
    if (!tenant) throw notFound('Tenant', options.tenantSlug);
    const existing = await biRoleBinding(tx, role);
    if (existing && existing.tenant_id !== tenant.id) {
      throw badInput(
        'role',
        existing.tenant_id ? 'is bound to another tenant' : 'exists and was not created by bi:grant',
      );
    }
    // Names and the password are checked above (and the password is base64url), so splicing them into the DDL is safe.
    await defineBiRole(tx, { name: role, password, statementTimeout, exists: !!existing });
    await bindBiRole(tx, role, tenant.id);
    return { role, password, tenantId: tenant.id, statementTimeout };
  });
}
