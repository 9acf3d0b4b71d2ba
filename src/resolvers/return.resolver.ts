import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { Sale, SaleRefund } from '../entities';
import { AddReturnItemInput, CartType } from '../schema/cart.types';
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

  @Authorized('pos:refund:create')
  @Mutation(() => CartType, {
    description:
      'An exchange: goods coming back on a cart, taken off what is due; a line without its sale needs a manager',
  })
  addReturnItem(@Arg('input') input: AddReturnItemInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.exchanges.addReturnItem(ctx, input);
  }
}
