import { randomBytes } from 'node:crypto';
import { registerTenant, TenantFixture, userWithRole } from '../support/fixtures';
import {
  CREATE_LOCATION,
  CREATE_TERMINAL,
  OPEN_SESSION,
  SESSION_FIELDS,
  SESSION_REPORT_FIELDS,
} from '../support/operations';
import { TestApp } from '../support/test-app';

export {
  CLOSE_SESSION,
  CREATE_LOCATION,
  CREATE_TERMINAL,
  ISSUE_DEVICE_TOKEN,
  OPEN_SESSION,
  RECORD_CASH_MOVEMENT,
  TERMINAL,
  UPDATE_TERMINAL,
} from '../support/operations';

export const DEACTIVATE_TERMINAL = /* GraphQL */ `
  mutation DeactivateTerminal($id: ID!) {
    deactivateTerminal(id: $id) {
      id
      isActive
    }
  }
`;
export const TERMINALS = /* GraphQL */ `
  query Terminals($locationId: ID, $includeInactive: Boolean) {
    terminals(locationId: $locationId, includeInactive: $includeInactive) {
      id
      code
      isActive
    }
  }
`;
export const REVOKE_DEVICE_TOKEN = /* GraphQL */ `
  mutation RevokeDeviceToken($id: ID!) {
    revokeDeviceToken(id: $id)
  }
`;
export const DEVICE_TOKENS = /* GraphQL */ `
  query DeviceTokens($terminalId: ID!, $includeRevoked: Boolean) {
    deviceTokens(terminalId: $terminalId, includeRevoked: $includeRevoked) {
      id
      kind
      label
      token
      revokedAt
      terminal {
        id
      }
    }
  }
`;

export const RECONCILE_SESSION = /* GraphQL */ `
  mutation ReconcileSession($input: ReconcileSessionInput!) {
    reconcileSession(input: $input) {
      ...SessionFields
    }
  }
  ${SESSION_FIELDS}
`;
export const ACTIVE_SESSION = /* GraphQL */ `
  query ActiveSession($terminalId: ID!) {
    activeSession(terminalId: $terminalId) {
      id
      sessionNumber
      status
    }
  }
`;
export const SESSION = /* GraphQL */ `
  query Session($id: ID!) {
    session(id: $id) {
      ...SessionFields
      cashMovements {
        id
        type
        amount
        reason
        performedBy {
          id
        }
      }
      xReport {
        ...SessionReportFields
      }
      zReport {
        ...SessionReportFields
      }
    }
  }
  ${SESSION_FIELDS}
  ${SESSION_REPORT_FIELDS}
`;
export const SESSIONS = /* GraphQL */ `
  query Sessions($filter: SessionFilter, $first: Int, $after: String) {
    sessions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          sessionNumber
          status
          reconciled
          terminal {
            id
            code
          }
          openedBy {
            id
          }
          xReport {
            expectedCash
          }
        }
      }
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
  const [cashier, manager] = await Promise.all([
    userWithRole(t, tenant, 'CASHIER'),
    userWithRole(t, tenant, 'MANAGER'),
  ]);
  return { tenant, tenantId, locationId, terminalId, cashier, manager };
}

export async function createTerminal(
  t: TestApp,
  token: string,
  locationId: string,
  code = `T-${randomBytes(3).toString('hex')}`,
): Promise<string> {
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
