import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/sql';

/** The statements of bi:grant (bi-access.ts): the role's binding and the role itself. */

/** The role's row when it exists, with the tenant it is bound to (null: a role bi:grant did not create). */
export async function biRoleBinding(em: EntityManager, role: string) {
  const [existing] = await query<{ tenant_id: string | null }>(
    em,
    `select b.tenant_id from pg_roles r left join reporting_access.bi_roles b on b.role_name = r.rolname where r.rolname = :role`,
    { role },
  );
  return existing;
}

/**
 * Creates the role (or, when it exists, re-keys it) and defines it, in order:
 * login with the password, the limits, read-only `reporting`. DDL takes no
 * parameters, so the name and the password are spliced in: the caller checks
 * them first.
 */
export async function defineBiRole(
  em: EntityManager,
  role: { name: string; password: string; statementTimeout: string; exists: boolean },
): Promise<void> {
  const { password, statementTimeout } = role;
  const name = `"${role.name}"`;
  const run = (sql: string) => query(em, sql, {});
  await run(
    `${role.exists ? 'alter' : 'create'} role ${name} login password '${password}' nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls connection limit 10`,
  );
  await run(`alter role ${name} set statement_timeout = '${statementTimeout}'`);
  await run(`alter role ${name} set default_transaction_read_only = on`);
  await run(`alter role ${name} set search_path = reporting`);
  await run(`grant usage on schema reporting to ${name}`);
  await run(`grant select on all tables in schema reporting to ${name}`);
}

/** Binds a new role to the tenant (a re-keyed role keeps its binding). */
export async function bindBiRole(em: EntityManager, role: string, tenant: string): Promise<void> {
  await query(
    em,
    `insert into reporting_access.bi_roles (role_name, tenant_id) values (:role, :tenant) on conflict (role_name) do nothing`,
    {
      role,
      tenant,
    },
  );
}
