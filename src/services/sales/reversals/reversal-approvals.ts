import Decimal from 'decimal.js';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { PosSession, Sale } from '../../../entities';
import type { ApprovalPolicy } from '../../../entities/tenant.entity';
import { DomainError } from '../../../errors';
import { isUuid } from '../../core/ids';
import { refundApprovalThreshold, refundWindowDays } from '../../security/approval-policy';
import type { Approval, ApprovalInput } from '../../security/approvals';

const DAY_MS = 86_400_000;

/**
 * The approval voidSale needs: none for a caller holding `pos:sale:void`
 * (managers and owners void on their own authority and are recorded as the
 * approver), a manager's for one holding only `pos:sale:void:with_approval`
 * (cashiers): APPROVAL_REQUIRED without a valid PIN or token. Resolved before
 * the void's transaction; throttled per caller and per the sale's terminal.
 */
export async function voidApproval(ctx: TenantContext, input: ApprovalInput & { saleId: string }): Promise<Approval> {
  if (ctx.permissions.has('pos:sale:void')) return { approverId: userIdOf(ctx), method: 'self' };
  const sale = isUuid(input.saleId) ? await ctx.em.findOne(Sale, { id: input.saleId, tenant: ctx.tenantId }) : null;
  return ctx.services.approvals.require(
    ctx,
    input,
    { action: 'void', subjectType: 'Sale', subjectId: input.saleId, terminalId: sale?.terminalId },
    'Voiding a sale needs a manager',
  );
}

/**
 * A refund's approval, resolved before its transaction (whether one is
 * needed is known only once the amount is, inside it: `refundApprover`). A
 * manager or owner approves their own; a cashier's PIN or token is checked
 * here, throttled per caller and per the refunding drawer's terminal.
 */
export async function resolveRefundApproval(
  ctx: TenantContext,
  input: ApprovalInput & { saleId: string; sessionId?: string | null },
): Promise<Approval> {
  const session =
    input.sessionId && isUuid(input.sessionId)
      ? await ctx.em.findOne(PosSession, { id: input.sessionId, tenant: ctx.tenantId })
      : null;
  return ctx.services.approvals.resolve(ctx, input, {
    action: 'refund',
    subjectType: 'Sale',
    subjectId: input.saleId,
    terminalId: session?.terminal.id,
  });
}

/**
 * Why a refund needs a manager under the tenant's policy, or null: later
 * than `refundWindowDays` after the sale's completion, or above
 * `refundApprovalThreshold`. Pure.
 */
export function refundApprovalReason(
  policy: ApprovalPolicy,
  refund: { completedAt: Date | null | undefined; amount: Decimal; digits: number; now: Date },
): string | null {
  const reasons: string[] = [];
  const window = refundWindowDays(policy);
  if (window != null && refund.completedAt && refund.now.getTime() - refund.completedAt.getTime() > window * DAY_MS) {
    const days = Math.floor((refund.now.getTime() - refund.completedAt.getTime()) / DAY_MS);
    reasons.push(`the sale was completed ${days} days ago, beyond the ${window}-day refund window`);
  }
  const threshold = refundApprovalThreshold(policy);
  if (threshold != null && refund.amount.gt(threshold)) {
    reasons.push(
      `a refund of ${refund.amount.toFixed(refund.digits)} is above the approval threshold of ${threshold.toFixed(refund.digits)}`,
    );
  }
  return reasons.length ? `This refund needs approval, ${reasons.join('; ')}` : null;
}

/**
 * In the refund's transaction, before any money moves: the approver the
 * refund needs (its `approval.granted` audit row written), null when it needs
 * none, APPROVAL_REQUIRED when it needs one and `approval` names nobody.
 */
export function refundApprover(
  tx: TenantContext,
  policy: ApprovalPolicy,
  refund: { id: string; completedAt: Date | null | undefined; amount: Decimal; digits: number },
  approval: Approval,
): string | null {
  const why = refundApprovalReason(policy, { ...refund, now: new Date() });
  if (!why) return null;
  if (!approval.approverId) throw new DomainError('APPROVAL_REQUIRED', `${why}: ${approval.problem}`);
  tx.services.approvals.recordGranted(tx, approval, { action: 'refund', subjectType: 'Refund', subjectId: refund.id });
  return approval.approverId;
}
