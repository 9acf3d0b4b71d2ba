import Decimal from 'decimal.js';
import type { ApprovalPolicy } from '../../entities/tenant.entity';
import { dec } from '../../money/decimal';

/*
 * The stored policy holds only what a tenant set; these read a key with its
 * default (docs/approvals.md), so the API and the rules can never disagree
 * about what an absent key means. null is a tenant's explicit "no limit".
 */

export const DEFAULT_REFUND_WINDOW_DAYS = 30;
export const DEFAULT_REFUND_APPROVAL_THRESHOLD = '100';
export const DEFAULT_PRICE_OVERRIDE_THRESHOLD = '0';

/** Days after a sale's completion a cashier refunds without approval; null: any time. */
export function refundWindowDays(policy: ApprovalPolicy): number | null {
  return policy.refundWindowDays === undefined ? DEFAULT_REFUND_WINDOW_DAYS : policy.refundWindowDays;
}

/** A refund above this amount needs approval; null: none does. */
export function refundApprovalThreshold(policy: ApprovalPolicy): Decimal | null {
  const value =
    policy.refundApprovalThreshold === undefined ? DEFAULT_REFUND_APPROVAL_THRESHOLD : policy.refundApprovalThreshold;
  return value == null ? null : dec(value);
}

/** Percent below the product's price a cashier may set a cart line's price without approval (0: any override needs one). */
export function priceOverrideThreshold(policy: ApprovalPolicy): Decimal {
  return dec(policy.priceOverrideThreshold ?? DEFAULT_PRICE_OVERRIDE_THRESHOLD);
}

/** Whether a return without a receipt needs a manager (default: it does). */
export function receiptlessReturnNeedsApproval(policy: ApprovalPolicy): boolean {
  return policy.receiptlessReturnNeedsApproval !== false;
}
