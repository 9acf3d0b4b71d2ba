import { actorId } from '../../auth/actor';
import { verifySecret } from '../../auth/password';
import { TenantContext } from '../../context';
import { User } from '../../entities';
import { Role } from '../../entities/enums';
import { DomainError } from '../../errors';
import { AttemptKey, AttemptThrottle, TooManyAttempts } from './attempt-throttle';
import { AuditLog } from './audit-log';

const APPROVER_ROLES = [Role.MANAGER, Role.OWNER];

/** How an action that needs a manager is approved: a PIN typed at the register, or the manager's signed-in token. */
export interface ApprovalInput {
  approvedByPin?: string | null;
  approverToken?: string | null;
}

/**
 * The input without its approval, for an idempotency key's request hash: the
 * same void or refund approved by another manager, or by a token instead of a
 * PIN, is still the same request (and a PIN is never part of a stored hash).
 */
export function withoutApproval<T extends ApprovalInput>(input: T): Omit<T, keyof ApprovalInput> {
  const { approvedByPin: _pin, approverToken: _token, ...rest } = input;
  return rest;
}

/** The outcome: who approved and how, or (approverId null) why nobody did. */
export interface Approval {
  approverId: string | null;
  method?: 'self' | 'pin' | 'token';
  problem?: string;
}

/** What is being approved, for the audit trail and the per-terminal throttle. */
export interface ApprovalRequest {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  terminalId?: string | null;
}

/**
 * Manager approval, for every action that may need one (discounts,
 * pay-outs, voids, refunds, price overrides: docs/approvals.md). Resolved before the
 * action's transaction (argon2 takes a few ms per hash; no locks are held
 * meanwhile). A caller who is a MANAGER or OWNER (roles as the database has
 * them now) approves their own action. A PIN is checked against every
 * active MANAGER/OWNER with one; a token must authenticate now (so a
 * deactivated or demoted manager's token is refused) as an active
 * MANAGER/OWNER of the same tenant. Failed PINs and tokens are throttled per
 * calling user and per terminal, and audited.
 */
export class Approvals {
  constructor(
    private readonly throttle: AttemptThrottle,
    private readonly audit: AuditLog,
  ) {}

  async resolve(ctx: TenantContext, input: ApprovalInput, request?: ApprovalRequest): Promise<Approval> {
    if (ctx.actor.kind === 'user' && ctx.actor.roles.some((r) => APPROVER_ROLES.includes(r))) {
      return { approverId: ctx.actor.userId, method: 'self' };
    }
    if (!input.approverToken && !input.approvedByPin) {
      return { approverId: null, problem: 'a manager must approve it (approvedByPin or approverToken)' };
    }
    const keys = this.keys(ctx, request);
    const entry = {
      subjectType: request?.subjectType ?? 'approval',
      subjectId: request?.subjectId,
      data: { action: request?.action },
    };
    try {
      await this.throttle.assertAllowed(keys);
    } catch (error) {
      if (error instanceof TooManyAttempts)
        await this.audit.recordAlone(ctx, ctx.tenantId, { ...entry, type: 'approval.throttled' });
      throw error;
    }
    const approval = input.approverToken
      ? await byToken(ctx, input.approverToken)
      : await byPin(ctx, input.approvedByPin!);
    if (approval.approverId) {
      await this.throttle.reset(keys);
    } else {
      await this.throttle.recordFailure(keys);
      await this.audit.recordAlone(ctx, ctx.tenantId, {
        ...entry,
        type: 'approval.failed',
        data: { ...entry.data, method: approval.method },
      });
    }
    return approval;
  }

  /** resolve(), then APPROVAL_REQUIRED unless someone approved. */
  async require(ctx: TenantContext, input: ApprovalInput, request: ApprovalRequest, why: string): Promise<Approval> {
    const approval = await this.resolve(ctx, input, request);
    if (approval.approverId) return approval;
    throw new DomainError('APPROVAL_REQUIRED', `${why}: ${approval.problem}`);
  }

  /** The approval's audit row, in the transaction of the approved change. */
  recordGranted(tx: TenantContext, approval: Approval, request: ApprovalRequest): void {
    this.audit.record(tx, {
      type: 'approval.granted',
      subjectType: request.subjectType,
      subjectId: request.subjectId,
      data: { action: request.action, approverId: approval.approverId, method: approval.method },
    });
  }

  private keys(ctx: TenantContext, request?: ApprovalRequest): AttemptKey[] {
    const keys: AttemptKey[] = [{ kind: 'approvalUser', key: `${ctx.tenantId}:${actorId(ctx.actor)}` }];
    if (request?.terminalId) keys.push({ kind: 'approvalTerminal', key: `${ctx.tenantId}:${request.terminalId}` });
    return keys;
  }
}

async function byPin(ctx: TenantContext, pin: string): Promise<Approval> {
  const candidates = await ctx.em.find(
    User,
    { tenant: ctx.tenantId, isActive: true, roles: { $overlap: APPROVER_ROLES }, pinHash: { $ne: null } },
    { populate: ['pinHash'], orderBy: { id: 'asc' } },
  );
  for (const user of candidates) {
    if (user.pinHash && (await verifySecret(user.pinHash, pin))) return { approverId: user.id, method: 'pin' };
  }
  return { approverId: null, method: 'pin', problem: 'the PIN matches no manager' };
}

async function byToken(ctx: TenantContext, token: string): Promise<Approval> {
  const invalid: Approval = {
    approverId: null,
    method: 'token',
    problem: 'the approver token is not a manager of this tenant',
  };
  try {
    const auth = await ctx.services.auth.authenticate(ctx.em, token);
    if (auth.tenantId !== ctx.tenantId || auth.actor.kind !== 'user') return invalid;
    if (!auth.actor.roles.some((r) => APPROVER_ROLES.includes(r))) return invalid;
    return { approverId: auth.actor.userId, method: 'token' };
  } catch {
    return invalid;
  }
}
