import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { Sale } from '../entities';
import { SaleType } from '../schema/checkout.types';
import { CheckoutInput } from '../schema/one-request-checkout.types';

@Resolver()
export class CheckoutResolver {
  @Authorized('pos:sale:create')
  @Mutation(() => SaleType, {
    description: 'Cart, discount, payments and completion in one request and one transaction (docs/checkout.md)',
  })
  checkout(@Arg('input') input: CheckoutInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.checkout.checkout(ctx, input);
  }
}
