import Decimal from 'decimal.js';
import { TenantContext } from '../../context';
import { PosSession, Tenant } from '../../entities';
import { DomainError } from '../../errors';
import { minorUnitDigits } from '../../money/currency';
import { isUuid } from '../core/ids';
import { Approval, ApprovalInput } from '../security/approvals';
import { freshFigures } from './session-report';

/**
 * The approval a pay-out needs: none up to the tenant's
 * `approvalPolicy.payOutThreshold` (or with no threshold set), a manager's
 * above it (APPROVAL_REQUIRED without one). Resolved before the
 * transaction, like every approval; null when none is needed.
 */
export async function payOutApproval(
  ctx: TenantContext,
  tenant: Tenant,
  input: ApprovalInput & { sessionId: string; amount: Decimal },
): Promise<Approval | null> {
  const threshold = tenant.approvalPolicy.payOutThreshold;
  if (threshold == null || !input.amount.gt(threshold)) return null;
  const session = isUuid(input.sessionId)
    ? await ctx.em.findOne(PosSession, { id: input.sessionId, tenant: ctx.tenantId })
    : null;
  return ctx.services.approvals.require(
    ctx,
    input,
    { action: 'pay_out', subjectType: 'PosSession', subjectId: input.sessionId, terminalId: session?.terminal.id },
    `A pay-out of ${input.amount.toFixed(minorUnitDigits(tenant.currency))} is above the approval threshold of ${threshold}`,
  );
}

/**
 * A pay-out takes cash that is in the drawer: never more than the session's
 * expected cash (opening + cash sales - cash refunds + pay-ins - pay-outs),
 * unless the tenant turned `approvalPolicy.payOutLimitedToExpectedCash` off.
 * Runs in the pay-out's transaction with the session locked.
 */
export async function assertWithinDrawer(
  tx: TenantContext,
  tenant: Tenant,
  session: PosSession,
  amount: Decimal,
): Promise<void> {
  if (tenant.approvalPolicy.payOutLimitedToExpectedCash === false) return;
  const { expectedCash } = await freshFigures(tx, session);
  if (amount.gt(expectedCash)) {
    const digits = minorUnitDigits(tenant.currency);
    throw new DomainError(
      'PAY_OUT_EXCEEDS_CASH',
      `A pay-out of ${amount.toFixed(digits)} is more than the ${expectedCash.toFixed(digits)} expected in the drawer`,
      { expectedCash: expectedCash.toFixed(digits) },
    );
  }
}
