import { randomUUID } from 'node:crypto';
import { TenantFixture, userWithRole } from '../support/fixtures';
import { TestApp } from '../support/test-app';

/** The people, token and audit operations of the second round, as a client sends them. */
export const USER_FIELDS = 'id email name roles isActive';
export const USERS = `query Users($includeInactive: Boolean) { users(includeInactive: $includeInactive) { ${USER_FIELDS} } }`;
export const UPDATE_USER = `mutation UpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { ${USER_FIELDS} } }`;
export const RESET_USER_PASSWORD = `mutation Reset($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { ${USER_FIELDS} } }`;
export const SET_USER_PIN = `mutation SetPin($input: SetUserPinInput!) { setUserPin(input: $input) { ${USER_FIELDS} } }`;
export const REVOKE_USER_TOKENS = `mutation Revoke($input: RevokeUserTokensInput!) { revokeUserTokens(input: $input) { ${USER_FIELDS} } }`;
export const CHANGE_PASSWORD = `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) { token user { id } } }`;
export const AUDIT_EVENTS = `query Audit($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id type actorId actorKind subjectType subjectId requestId data createdAt } }
  }
}`;
export const ME = `query { me { id roles isActive } }`;
export const SALE_COMPLETED = `subscription($locationId: ID) { saleCompleted(locationId: $locationId) { id } }`;
export const CREATE_PRODUCT_MIN = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
export const LOGIN_OP = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

/** A product input a manager may create (inventory:product:write): a probe for "still a manager?". */
export const productInput = () => ({
  input: { sku: `P-${randomUUID().slice(0, 8)}`, name: 'Probe', price: '1.00', taxRate: '0' },
});

export async function manager(t: TestApp, tenant: TenantFixture, pin?: string) {
  return userWithRole(t, tenant, 'MANAGER', pin);
}

/** The audit rows of a type in a tenant, read as the owner through the API. */
export async function auditOf(t: TestApp, ownerToken: string, type: string) {
  const data = await t.ok(AUDIT_EVENTS, { filter: { type }, first: 100 }, ownerToken);
  return data.auditEvents.edges.map((e: { node: Record<string, any> }) => e.node);
}
