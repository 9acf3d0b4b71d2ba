import Decimal from 'decimal.js';
import type { ApprovalPolicy } from '../../../entities/tenant.entity';
import { badInput, DomainError } from '../../../errors';
import { formatDecimal } from '../../../money/decimal';
import { discountPercentOf } from '../../../money/discounts';
import { priceOverrideThreshold } from '../../security/approval-policy';
import type { Approval } from '../../security/approvals';

/* The rules of overrideItemPrice that need no I/O; cart.service.ts applies them under the cart's lock. */

/** The override's reason, trimmed: required, at most 255 characters (the column). */
export function overrideReason(reason: string | null | undefined): string {
  const trimmed = reason?.trim();
  if (!trimmed) throw badInput('reason', 'is required for a price override');
  if (trimmed.length > 255) throw badInput('reason', 'must be at most 255 characters');
  return trimmed;
}

/**
 * Who approved a line's new unit price: null when none is needed (the new
 * price is at most the product's price and at most the tenant's
 * `priceOverrideThreshold` percent below it; with the default 0 only the
 * product's own price passes), else the approval's approver, or
 * APPROVAL_REQUIRED naming the override. A raised price needs approval too:
 * charging a customer more than the shelf price is the riskier mistake.
 */
export function priceOverrideApprover(
  override: { productPrice: Decimal; unitPrice: Decimal; sku: string },
  policy: ApprovalPolicy,
  approval: Approval,
): string | null {
  const { productPrice, unitPrice } = override;
  const threshold = priceOverrideThreshold(policy);
  const raised = unitPrice.gt(productPrice);
  const below = raised ? null : discountPercentOf(productPrice.minus(unitPrice), productPrice);
  if (below && below.lte(threshold)) return null;
  if (approval.approverId) return approval.approverId;
  const change = below
    ? `${below.toDecimalPlaces(2).toFixed()} % below the product's price of ${formatDecimal(productPrice)} (a cashier may go ${threshold.toFixed()} % below it)`
    : `above the product's price of ${formatDecimal(productPrice)}`;
  throw new DomainError(
    'APPROVAL_REQUIRED',
    `A price override of ${override.sku} to ${formatDecimal(unitPrice)}, ${change}, needs a manager: ${approval.problem}`,
  );
}
