import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { AddPaymentInput, PaymentResultType } from '../schema/checkout.types';
import { PaymentResult } from '../services/sales/payments/payment.service';

@Resolver(() => PaymentResultType)
export class PaymentResolver {
  @Authorized('pos:sale:create')
  @Mutation(() => PaymentResultType, {
    description: 'One tender on a cart; a decline is PAYMENT_DECLINED and leaves a FAILED payment on the sale',
  })
  addPayment(@Arg('input') input: AddPaymentInput, @Ctx() ctx: TenantContext): Promise<PaymentResult> {
    return ctx.services.payments.addPayment(ctx, input);
  }
}
