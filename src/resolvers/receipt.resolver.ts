import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { SendReceiptEmailInput } from '../schema/checkout.types';
import { ReceiptType } from '../schema/receipt.types';
import { ReceiptData } from '../receipt/receipt-data';

@Resolver(() => ReceiptType)
export class ReceiptResolver {
  @Authorized('pos:sale:read')
  @Query(() => ReceiptType, { description: 'A completed (or since voided / refunded) sale as printed' })
  receipt(@Arg('saleId', () => ID) saleId: string, @Ctx() ctx: TenantContext): Promise<ReceiptData & { text: string }> {
    return ctx.services.receipts.receipt(ctx, saleId);
  }

  @Authorized('pos:sale:read')
  @Mutation(() => Boolean, { description: 'Queues the receipt email (sent by the job queue, retried)' })
  sendReceiptEmail(@Arg('input') input: SendReceiptEmailInput, @Ctx() ctx: TenantContext): Promise<boolean> {
    return ctx.services.receipts.sendEmail(ctx, input);
  }
}
