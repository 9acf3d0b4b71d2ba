import { randomBytes } from 'node:crypto';
import { registerTenant, TenantFixture, userWithRole } from '../support/fixtures';
import { TestApp } from '../support/test-app';

export const CREATE_LOCATION = /* GraphQL */ `
  mutation ShopCreateLocation($input: CreateLocationInput!) { createLocation(input: $input) { id code } }
`;

const TERMINAL_FIELDS = /* GraphQL */ `
  fragment TerminalFields on Terminal { id name code isActive locationId location { id code } createdAt updatedAt }
`;

export const CREATE_TERMINAL = /* GraphQL */ `
  mutation CreateTerminal($input: CreateTerminalInput!) { createTerminal(input: $input) { ...TerminalFields } }
  ${TERMINAL_FIELDS}
`;
export const UPDATE_TERMINAL = /* GraphQL */ `
  mutation UpdateTerminal($id: ID!, $input: UpdateTerminalInput!) { updateTerminal(id: $id, input: $input) { ...TerminalFields } }
  ${TERMINAL_FIELDS}
`;
export const DEACTIVATE_TERMINAL = /* GraphQL */ `
  mutation DeactivateTerminal($id: ID!) { deactivateTerminal(id: $id) { id isActive } }
`;
export const TERMINALS = /* GraphQL */ `
  query Terminals($locationId: ID, $includeInactive: Boolean) {
    terminals(locationId: $locationId, includeInactive: $includeInactive) { id code isActive }
  }
`;
export const TERMINAL = /* GraphQL */ `
  query Terminal($id: ID!) { terminal(id: $id) { ...TerminalFields } }
  ${TERMINAL_FIELDS}
`;

export const ISSUE_DEVICE_TOKEN = /* GraphQL */ `
  mutation IssueDeviceToken($input: IssueDeviceTokenInput!) {
    issueDeviceToken(input: $input) { id kind label token revokedAt terminal { id } }
  }
`;
export const REVOKE_DEVICE_TOKEN = /* GraphQL */ `mutation RevokeDeviceToken($id: ID!) { revokeDeviceToken(id: $id) }`;
export const DEVICE_TOKENS = /* GraphQL */ `
  query DeviceTokens($terminalId: ID!, $includeRevoked: Boolean) {
    deviceTokens(terminalId: $terminalId, includeRevoked: $includeRevoked) { id kind label token revokedAt terminal { id } }
  }
`;

const REPORT_FIELDS = /* GraphQL */ `
  fragment SessionReportFields on SessionReport {
    salesCount grossSales discounts tax netByPaymentMethod { method amount } refunds cashSales cashRefunds
    cashIn cashOut openingBalance expectedCash countedCash variance
  }
`;
const SESSION_FIELDS = /* GraphQL */ `
  fragment SessionFields on Session {
    id sessionNumber status openingBalance closingBalance expectedBalance variance openedAt closedAt
    openingCount closingCount notes reconciled reconciledAt reconcileNotes terminal { id }
    openedBy { id } closedBy { id } reconciledBy { id }
  }
`;

export const OPEN_SESSION = /* GraphQL */ `
  mutation OpenSession($input: OpenSessionInput!) { openSession(input: $input) { ...SessionFields } }
  ${SESSION_FIELDS}
`;
export const CLOSE_SESSION = /* GraphQL */ `
  mutation CloseSession($input: CloseSessionInput!) { closeSession(input: $input) { ...SessionFields } }
  ${SESSION_FIELDS}
`;
export const RECONCILE_SESSION = /* GraphQL */ `
  mutation ReconcileSession($input: ReconcileSessionInput!) { reconcileSession(input: $input) { ...SessionFields } }
  ${SESSION_FIELDS}
`;
export const RECORD_CASH_MOVEMENT = /* GraphQL */ `
  mutation RecordCashMovement($input: RecordCashMovementInput!) {
    recordCashMovement(input: $input) { id type amount reason createdAt sessionId performedBy { id } }
  }
`;
export const ACTIVE_SESSION = /* GraphQL */ `
  query ActiveSession($terminalId: ID!) { activeSession(terminalId: $terminalId) { id sessionNumber status } }
`;
export const SESSION = /* GraphQL */ `
  query Session($id: ID!) {
    session(id: $id) {
      ...SessionFields
      cashMovements { id type amount reason performedBy { id } }
      xReport { ...SessionReportFields }
      zReport { ...SessionReportFields }
    }
  }
  ${SESSION_FIELDS}
  ${REPORT_FIELDS}
`;
export const SESSIONS = /* GraphQL */ `
  query Sessions($filter: SessionFilter, $first: Int, $after: String) {
    sessions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id sessionNumber status reconciled terminal { id code } openedBy { id } xReport { expectedCash } } }
    }
  }
`;

export interface Shop {
  tenant: TenantFixture;
  tenantId: string;
  locationId: string;
  terminalId: string;
  cashier: { id: string; token: string };
  manager: { id: string; token: string };
}

/** A tenant with a location, one active terminal, a cashier and a manager. */
export async function setupShop(t: TestApp): Promise<Shop> {
  const tenant = await registerTenant(t);
  const [{ id: tenantId }] = await t.sql<{ id: string }>('select id from tenants where slug = ?', [tenant.slug]);
  const location = await t.ok(CREATE_LOCATION, { input: { name: 'Main store', code: 'MAIN' } }, tenant.ownerToken);
  const locationId = location.createLocation.id as string;
  const terminalId = await createTerminal(t, tenant.ownerToken, locationId, 'POS-001');
  const [cashier, manager] = await Promise.all([userWithRole(t, tenant, 'CASHIER'), userWithRole(t, tenant, 'MANAGER')]);
  return { tenant, tenantId, locationId, terminalId, cashier, manager };
}

export async function createTerminal(t: TestApp, token: string, locationId: string, code = `T-${randomBytes(3).toString('hex')}`): Promise<string> {
  const res = await t.ok(CREATE_TERMINAL, { input: { name: `Register ${code}`, code, locationId } }, token);
  return res.createTerminal.id as string;
}

export async function openSession(t: TestApp, token: string, input: Record<string, unknown>) {
  return (await t.ok(OPEN_SESSION, { input }, token)).openSession;
}

export async function countRows(t: TestApp, table: string, where = 'true', values: unknown[] = []): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`select count(*)::text as n from ${table} where ${where}`, values);
  return Number(row.n);
}
