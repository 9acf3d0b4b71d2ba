import { randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';

/* The operations the returns suites send. */

export const CREATE_RETURN = /* GraphQL */ `
  mutation CreateReturn($input: CreateReturnInput!) {
    createReturn(input: $input) {
      id
      refundNumber
      amount
      method
      status
      reason
      items {
        saleItemId
        productId
        quantity
        amount
        unitPrice
        taxAmount
        returnToStock
        reason
      }
      sale {
        id
      }
      session {
        id
      }
      location {
        id
      }
      approvedBy {
        id
      }
      processedBy {
        id
      }
    }
  }
`;
export const SESSION_CASH = /* GraphQL */ `
  query SessionCash($id: ID!) {
    session(id: $id) {
      id
      xReport {
        refunds
        cashRefunds
        expectedCash
      }
    }
  }
`;
export const PAYMENT_BREAKDOWN = /* GraphQL */ `
  query Breakdown($from: DateTime!, $to: DateTime!, $locationId: ID) {
    paymentMethodBreakdown(from: $from, to: $to, locationId: $locationId) {
      method
      amount
      refunds
      net
    }
  }
`;
export const DAILY_SUMMARY = /* GraphQL */ `
  query DailySummary($date: Date!, $locationId: ID) {
    dailySalesSummary(date: $date, locationId: $locationId) {
      totalSales
      totalRevenue
      totalCOGS
      totalTax
      totalRefunds
      cashTotal
      otherTotal
    }
  }
`;
export const UPDATE_POLICY = /* GraphQL */ `
  mutation UpdatePolicy($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      id
      approvalPolicy {
        receiptlessReturnNeedsApproval
      }
    }
  }
`;

/** createReturn with a fresh idempotency key and a reason unless given. */
export function createReturn(t: TestApp, token: string, input: Record<string, unknown>) {
  return t.gql(CREATE_RETURN, { input: { reason: 'no receipt', idempotencyKey: randomUUID(), ...input } }, token);
}

export const ADD_RETURN_ITEM = /* GraphQL */ `
  mutation AddReturnItem($input: AddReturnItemInput!) {
    addReturnItem(input: $input) {
      id
      version
      totalAmount
      returnAmount
      amountDue
      returnItems {
        saleItemId
        productId
        quantity
        amount
        taxAmount
        unitPrice
        returnToStock
      }
    }
  }
`;
