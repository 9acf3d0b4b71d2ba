import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { SaleRefund } from '../entities';
import { RefundType } from '../schema/checkout.types';
import { CreateReturnInput } from '../schema/return.types';

@Resolver()
export class ReturnResolver {
  @Authorized('pos:refund:create')
  @Mutation(() => RefundType, {
    description:
      "Goods back without a receipt: priced as sold now, restocked at the terminal's location; a cashier needs a manager",
  })
  createReturn(@Arg('input') input: CreateReturnInput, @Ctx() ctx: TenantContext): Promise<SaleRefund> {
    return ctx.services.returns.create(ctx, input);
  }
}
