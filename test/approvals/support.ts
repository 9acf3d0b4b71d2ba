import { randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';

/* The operations of the manager-approval suites (voids, refunds, price overrides). */

export const VOID_WITH_APPROVER = /* GraphQL */ `
  mutation VoidWithApprover($input: VoidSaleInput!) {
    voidSale(input: $input) {
      id
      status
      voidReason
      voidApprovedBy {
        id
      }
    }
  }
`;
export const REFUND_WITH_APPROVER = /* GraphQL */ `
  mutation RefundWithApprover($input: CreateRefundInput!) {
    createRefund(input: $input) {
      id
      amount
      approvedBy {
        id
      }
    }
  }
`;
export const OVERRIDE_ITEM_PRICE = /* GraphQL */ `
  mutation OverrideItemPrice($input: OverrideItemPriceInput!) {
    overrideItemPrice(input: $input) {
      id
      version
      subtotal
      taxAmount
      totalAmount
      items {
        id
        unitPrice
        taxAmount
        lineTotal
        priceOverrideReason
        priceOverrideApprovedById
      }
    }
  }
`;
export const SET_APPROVAL_POLICY = /* GraphQL */ `
  mutation SetApprovalPolicy($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      approvalPolicy {
        payOutThreshold
        refundWindowDays
        refundApprovalThreshold
        priceOverrideThreshold
      }
    }
  }
`;

/** A cash refund of `amount` from the fixture's drawer, under a fresh idempotency key unless one is given. */
export const cashRefund = (saleId: string, sessionId: string, amount: string, extra: Record<string, unknown> = {}) => ({
  input: {
    saleId,
    amount,
    method: 'CASH',
    sessionId,
    reason: 'customer return',
    idempotencyKey: randomUUID(),
    ...extra,
  },
});

/** The audit rows of a type for one subject, oldest first (read in SQL: the OWNER's API is tested elsewhere). */
export async function auditRows(t: TestApp, type: string, subjectId: string) {
  return t.sql<{ data: Record<string, unknown>; actor_id: string }>(
    `select data, actor_id from audit_events where type = ? and subject_id = ? order by created_at, id`,
    [type, subjectId],
  );
}
