import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../auth/device-access';
import { hashSecret, verifySecret } from '../../auth/password';
import { TenantContext } from '../../context';
import { User } from '../../entities';
import { Role } from '../../entities/enums';
import { badInput, DomainError, notFound } from '../../errors';
import { AuthResult, AuthService } from './auth.service';
import { isUuid } from '../core/ids';
import { AuditLog } from '../security/audit-log';
import { Revocations } from '../security/revocations';
import { inTransaction } from '../core/transaction';
import { lockActiveOwners } from './tenancy.sql';

export interface UpdateUserInput {
  userId: string;
  name?: string | null;
  roles?: Role[] | null;
  isActive?: boolean | null;
}

/**
 * The people of a tenant: listing, roles, deactivation, passwords, PINs and
 * token revocation. Every change that affects what a user's tokens may do
 * is announced to every instance (Revocations) once it commits, and audited
 * in its transaction. The tenant always keeps one active OWNER.
 */
export class UserAdminService {
  constructor(
    private readonly auth: AuthService,
    private readonly revocations: Revocations,
    private readonly audit: AuditLog,
  ) {}

  /** The tenant's users by name; inactive ones only when asked. */
  list(ctx: TenantContext, includeInactive = false): Promise<User[]> {
    return ctx.em.find(
      User,
      { tenant: ctx.tenantId, ...(includeInactive ? {} : { isActive: true }) },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
  }

  /** Name, roles, active flag. Errors: NOT_FOUND, LAST_OWNER (the last active OWNER keeps OWNER and stays active). */
  async update(ctx: TenantContext, input: UpdateUserInput): Promise<User> {
    return inTransaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, input.userId);
      const roles = input.roles ? [...new Set(input.roles)] : user.roles;
      const isActive = input.isActive ?? user.isActive;
      const rolesChanged = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));
      if (user.isActive && user.roles.includes(Role.OWNER) && (!isActive || !roles.includes(Role.OWNER))) {
        await this.assertAnotherActiveOwner(tx, user.id);
      }
      const changes = {
        ...(input.name != null && input.name !== user.name ? { name: input.name } : {}),
        ...(rolesChanged ? { roles: { from: user.roles, to: roles } } : {}),
        ...(isActive !== user.isActive ? { isActive } : {}),
      };
      Object.assign(user, { name: input.name ?? user.name, roles, isActive });
      this.audit.record(tx, { type: 'user.updated', subjectType: 'User', subjectId: user.id, data: changes });
      if (rolesChanged || 'isActive' in changes)
        await this.revocations.announce(tx, { tenantId: tx.tenantId, userId: user.id });
      return user;
    });
  }

  /** Sets a new password and ends every token of that user. Errors: NOT_FOUND. */
  async resetPassword(ctx: TenantContext, input: { userId: string; newPassword: string }): Promise<User> {
    const passwordHash = await hashSecret(input.newPassword);
    return this.endTokens(ctx, input.userId, 'user.password_reset', (user) => (user.passwordHash = passwordHash));
  }

  /** Ends every token of that user (they sign in again). Errors: NOT_FOUND. */
  revokeTokens(ctx: TenantContext, input: { userId: string }): Promise<User> {
    return this.endTokens(ctx, input.userId, 'user.tokens_revoked', () => undefined);
  }

  /** Sets (null: removes) a user's approval PIN. Errors: NOT_FOUND. */
  async setPin(ctx: TenantContext, input: { userId: string; pin?: string | null }): Promise<User> {
    const pinHash = input.pin ? await hashSecret(input.pin) : null;
    return inTransaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, input.userId);
      user.pinHash = pinHash;
      this.audit.record(tx, {
        type: 'user.pin_set',
        subjectType: 'User',
        subjectId: user.id,
        data: { cleared: !pinHash },
      });
      return user;
    });
  }

  /**
   * The caller's own password: the current one must match (a wrong one is
   * BAD_USER_INPUT on currentPassword). Every other token of the caller ends;
   * the answer carries a new one.
   */
  async changePassword(
    ctx: TenantContext,
    input: { currentPassword: string; newPassword: string },
  ): Promise<AuthResult> {
    const userId = userIdOf(ctx);
    const current = await ctx.em.findOne(User, { id: userId, tenant: ctx.tenantId }, { populate: ['passwordHash'] });
    if (!current || !(await verifySecret(current.passwordHash, input.currentPassword))) {
      throw badInput('currentPassword', 'does not match');
    }
    const passwordHash = await hashSecret(input.newPassword);
    const user = await this.endTokens(ctx, userId, 'user.password_changed', (u) => (u.passwordHash = passwordHash));
    return { token: this.auth.issueUserToken(user, ctx.tenantId), user };
  }

  /** Applies `change` and moves the user's credentials stamp on, so every token signed before is refused. */
  private endTokens(
    ctx: TenantContext,
    userId: string,
    type: 'user.password_reset' | 'user.password_changed' | 'user.tokens_revoked',
    change: (user: User) => void,
  ): Promise<User> {
    return inTransaction(ctx, async (tx) => {
      const user = await this.lockUser(tx, userId);
      change(user);
      user.tokenVersion += 1;
      this.audit.record(tx, { type, subjectType: 'User', subjectId: user.id });
      await this.revocations.announce(tx, { tenantId: tx.tenantId, userId: user.id });
      return user;
    });
  }

  private async lockUser(tx: TenantContext, userId: string): Promise<User> {
    const user = isUuid(userId)
      ? await tx.em.findOne(
          User,
          { id: userId, tenant: tx.tenantId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        )
      : null;
    if (!user) throw notFound('User', userId);
    return user;
  }

  /** Locks the tenant's active owners (in id order: concurrent demotions queue, never both pass). */
  private async assertAnotherActiveOwner(tx: TenantContext, userId: string): Promise<void> {
    const owners = await lockActiveOwners(tx.em, tx.tenantId);
    if (!owners.some((o) => o.id !== userId)) {
      throw new DomainError('LAST_OWNER', 'The last active owner must stay an active OWNER');
    }
  }
}
