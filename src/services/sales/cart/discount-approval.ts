import { TenantContext } from '../../../context';
import { User } from '../../../entities';
import { Role } from '../../../entities/enums';
import { verifySecret } from '../../../auth/password';
import { DomainError } from '../../../errors';

const APPROVER_ROLES = [Role.MANAGER, Role.OWNER];

/** How a discount above the threshold is approved: a manager's PIN typed at the register, or their signed-in token. */
export interface ApprovalInput {
  approvedByPin?: string | null;
  approverToken?: string | null;
}

/** Who may approve: the caller themself when a manager/owner, else the approver the input names. */
export interface Approval {
  /** The approving user's id, or null when the input names no valid approver. */
  approverId: string | null;
  /** Why there is none, for the error message. */
  problem?: string;
}

/**
 * Resolves the approver before any transaction (argon2 takes a few ms per
 * hash; no row locks are held meanwhile). A caller with the MANAGER or OWNER
 * role approves their own discounts. A PIN is checked against every active
 * MANAGER/OWNER of the tenant that has one; a token must be a valid user
 * token of the same tenant whose user is still an active MANAGER/OWNER.
 */
export async function resolveApprover(ctx: TenantContext, input: ApprovalInput): Promise<Approval> {
  if (ctx.actor.kind === 'user' && ctx.actor.roles.some((r) => APPROVER_ROLES.includes(r))) {
    return { approverId: ctx.actor.userId };
  }
  if (input.approverToken) return byToken(ctx, input.approverToken);
  if (input.approvedByPin) return byPin(ctx, input.approvedByPin);
  return { approverId: null, problem: 'a manager must approve it (approvedByPin or approverToken)' };
}

/** Throws DISCOUNT_APPROVAL_REQUIRED unless the approval names an approver; returns the approver's id. */
export function requireApprover(approval: Approval, percent: string, threshold: string): string {
  if (approval.approverId) return approval.approverId;
  throw new DomainError(
    'DISCOUNT_APPROVAL_REQUIRED',
    `A discount of ${percent} % is above the approval threshold of ${threshold} %: ${approval.problem}`,
  );
}

async function byPin(ctx: TenantContext, pin: string): Promise<Approval> {
  const candidates = await ctx.em.find(
    User,
    { tenant: ctx.tenantId, isActive: true, roles: { $overlap: APPROVER_ROLES }, pinHash: { $ne: null } },
    { populate: ['pinHash'], orderBy: { id: 'asc' } },
  );
  for (const user of candidates) {
    if (user.pinHash && (await verifySecret(user.pinHash, pin))) return { approverId: user.id };
  }
  return { approverId: null, problem: 'the PIN matches no manager' };
}

async function byToken(ctx: TenantContext, token: string): Promise<Approval> {
  const invalid = { approverId: null, problem: 'the approver token is not a manager of this tenant' };
  let claims;
  try {
    claims = await ctx.services.auth.authenticate(ctx.em, token);
  } catch {
    return invalid;
  }
  if (claims.tenantId !== ctx.tenantId || claims.actor.kind !== 'user') return invalid;
  const user = await ctx.em.findOne(User, { id: claims.actor.userId, tenant: ctx.tenantId, isActive: true });
  return user && user.roles.some((r) => APPROVER_ROLES.includes(r)) ? { approverId: user.id } : invalid;
}
