import { TenantContext } from '../../../context';
import { DomainError } from '../../../errors';
import type { Sale, SaleItem } from '../../../entities';
import type { Approval, ApprovalInput } from '../../security/approvals';

export type { Approval, ApprovalInput } from '../../security/approvals';

/** The approver of a discount (security/approvals.ts: the caller's own role, a PIN or an approver token). */
export function resolveApprover(ctx: TenantContext, input: ApprovalInput): Promise<Approval> {
  return ctx.services.approvals.resolve(ctx, input, { action: 'discount', subjectType: 'Sale' });
}

/** Throws DISCOUNT_APPROVAL_REQUIRED unless the approval names an approver; returns the approver's id. */
export function requireApprover(approval: Approval, percent: string, threshold: string): string {
  if (approval.approverId) return approval.approverId;
  throw new DomainError(
    'DISCOUNT_APPROVAL_REQUIRED',
    `A discount of ${percent} % is above the approval threshold of ${threshold} %: ${approval.problem}`,
  );
}

/** The approver recorded on the cart and on each of its lines, to compare before and after an edit. */
export function recordedApprovers(sale: Sale, items: readonly SaleItem[]): Map<object, string | null> {
  return new Map<object, string | null>(
    [sale, ...items].map((holder) => [holder, holder.discountApprovedById ?? null]),
  );
}

/** An `approval.granted` audit row (in the edit's transaction) for each line or cart the edit's approval newly covers. */
export function auditNewApprovals(
  tx: TenantContext,
  approval: Approval,
  before: Map<object, string | null>,
  sale: Sale,
  items: readonly SaleItem[],
): void {
  if (!approval.approverId) return;
  for (const holder of [sale, ...items]) {
    if (holder.discountApprovedById !== approval.approverId || before.get(holder) === approval.approverId) continue;
    const isCart = holder === sale;
    tx.services.approvals.recordGranted(tx, approval, {
      action: isCart ? 'cart_discount' : 'item_discount',
      subjectType: isCart ? 'Sale' : 'SaleItem',
      subjectId: holder.id,
    });
  }
}
