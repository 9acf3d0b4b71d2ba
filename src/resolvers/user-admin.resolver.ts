import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { AuditEvent, User } from '../entities';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import { AuthPayload, UserType } from '../schema/tenant.types';
import {
  AuditEventConnection,
  AuditEventFilter,
  ChangePasswordInput,
  ResetUserPasswordInput,
  RevokeUserTokensInput,
  SetUserPinInput,
  UpdateUserInput,
} from '../schema/user-admin.types';

@Resolver()
export class UserAdminResolver {
  @Authorized('user:manage')
  @Query(() => [UserType], { description: "The tenant's users by name; inactive ones with includeInactive" })
  users(
    @Arg('includeInactive', { nullable: true }) includeInactive: boolean,
    @Ctx() ctx: TenantContext,
  ): Promise<User[]> {
    return ctx.services.users.list(ctx, includeInactive ?? false);
  }

  @Authorized('user:manage')
  @Mutation(() => UserType, { description: 'LAST_OWNER when it would leave the tenant without an active OWNER' })
  updateUser(@Arg('input') input: UpdateUserInput, @Ctx() ctx: TenantContext): Promise<User> {
    return ctx.services.users.update(ctx, input);
  }

  @Authorized('user:manage')
  @Mutation(() => UserType, { description: 'Sets a new password and ends every token of that user' })
  resetUserPassword(@Arg('input') input: ResetUserPasswordInput, @Ctx() ctx: TenantContext): Promise<User> {
    return ctx.services.users.resetPassword(ctx, input);
  }

  @Authorized('user:manage')
  @Mutation(() => UserType, { description: "Sets or (pin: null) removes a user's approval PIN" })
  setUserPin(@Arg('input') input: SetUserPinInput, @Ctx() ctx: TenantContext): Promise<User> {
    return ctx.services.users.setPin(ctx, input);
  }

  @Authorized('user:manage')
  @Mutation(() => UserType, { description: 'Ends every token of that user and their open subscriptions' })
  revokeUserTokens(@Arg('input') input: RevokeUserTokensInput, @Ctx() ctx: TenantContext): Promise<User> {
    return ctx.services.users.revokeTokens(ctx, input);
  }

  @Authorized()
  @Mutation(() => AuthPayload, {
    description: "The caller's own password; ends the caller's other tokens and returns a new one",
  })
  changePassword(@Arg('input') input: ChangePasswordInput, @Ctx() ctx: TenantContext): Promise<AuthPayload> {
    return ctx.services.users.changePassword(ctx, input);
  }

  @Authorized('audit:read')
  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first (OWNER)' })
  async auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: TenantContext,
  ): Promise<ConnectionShape<AuditEvent>> {
    return toConnection(await ctx.services.audit.list(ctx, filter ?? {}, page));
  }
}
