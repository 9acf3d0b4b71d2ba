import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { ConfigurePaymentGatewayInput, PaymentGatewayAccountType } from '../schema/payment-gateway.types';
import { TenantType } from '../schema/tenant.types';

@Resolver()
export class PaymentGatewayResolver {
  @Authorized('tenant:settings')
  @Query(() => [PaymentGatewayAccountType], { description: "The tenant's provider accounts (never their secrets)" })
  paymentGatewayAccounts(@Ctx() ctx: TenantContext): Promise<PaymentGatewayAccountType[]> {
    return ctx.services.gatewayAccounts.views(ctx);
  }

  @Authorized('tenant:settings')
  @Mutation(() => TenantType, {
    description: 'Stores a provider account (keys encrypted, write-only) and makes it the gateway of the given methods',
  })
  configurePaymentGateway(
    @Arg('input') input: ConfigurePaymentGatewayInput,
    @Ctx() ctx: TenantContext,
  ): Promise<TenantType> {
    return ctx.services.gatewayAccounts.configure(ctx, input);
  }
}
