import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { CreateUserInput, TenantType, UpdateTenantSettingsInput, UserType } from '../schema/tenant.types';

@Resolver()
export class TenantResolver {
  @Authorized('tenant:read')
  @Query(() => TenantType, { description: "The caller's tenant and its settings" })
  tenant(@Ctx() ctx: TenantContext): Promise<TenantType> {
    return ctx.services.tenants.current(ctx);
  }

  @Authorized('tenant:settings')
  @Mutation(() => TenantType)
  updateTenantSettings(@Arg('input') input: UpdateTenantSettingsInput, @Ctx() ctx: TenantContext): Promise<TenantType> {
    return ctx.services.tenants.updateSettings(ctx, input);
  }

  @Authorized('user:manage')
  @Mutation(() => UserType)
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: TenantContext): Promise<UserType> {
    return ctx.services.auth.createUser(ctx, input);
  }
}
