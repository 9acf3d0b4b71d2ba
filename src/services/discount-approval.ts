import { TenantContext } from '../context';
import { DomainError } from '../errors';
import type { Approval, ApprovalInput } from './security/approvals';

export type { Approval, ApprovalInput } from './security/approvals';

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
