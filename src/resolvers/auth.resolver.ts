import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { RequestContext, TenantContext } from '../context';
import { forbidden } from '../errors';
import { AuthPayload, LoginInput, RegisterTenantInput, UserType } from '../schema/tenant.types';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Public: creates a tenant with its owner (ALLOW_TENANT_REGISTRATION=false disables it)',
  })
  registerTenant(@Arg('input') input: RegisterTenantInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    if (!ctx.services.config.allowTenantRegistration) throw forbidden('Tenant registration is disabled');
    return ctx.services.tenants.register(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: 'Public: email and password within a tenant' })
  login(@Arg('input') input: LoginInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return ctx.services.auth.login(ctx, input);
  }

  @Authorized()
  @Query(() => UserType)
  me(@Ctx() ctx: TenantContext): Promise<UserType> {
    return ctx.services.auth.me(ctx);
  }
}
