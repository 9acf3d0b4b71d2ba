import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TenantContext } from '../context';
import { Location, PosSession, Sale, SaleRefund, User } from '../entities';
import { CreateRefundInput, RefundType, SaleType } from '../schema/checkout.types';
import { LocationType } from '../schema/inventory.types';
import { SessionType } from '../schema/session.types';
import { UserType } from '../schema/tenant.types';
import { byIdLoader } from '../services/core/by-id-loader';

@Resolver(() => RefundType)
export class RefundResolver {
  @Authorized('pos:refund:create')
  @Mutation(() => RefundType, {
    description: 'By items (units per sale line) or by amount; CASH needs an open sessionId',
  })
  createRefund(@Arg('input') input: CreateRefundInput, @Ctx() ctx: TenantContext): Promise<SaleRefund> {
    return ctx.services.refunds.create(ctx, input);
  }

  @Authorized('pos:refund:read')
  @Query(() => RefundType, { nullable: true })
  refund(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<SaleRefund | null> {
    return ctx.services.refunds.get(ctx, id);
  }

  @FieldResolver(() => SaleType, { nullable: true, description: 'null for a return without a receipt' })
  sale(@Root() refund: SaleRefund, @Ctx() ctx: TenantContext): Promise<Sale | null> | null {
    return refund.saleId ? byIdLoader(ctx, Sale).load(refund.saleId) : null;
  }

  @FieldResolver(() => SessionType, { nullable: true, description: 'The drawer a cash refund was paid from' })
  session(@Root() refund: SaleRefund, @Ctx() ctx: TenantContext): Promise<PosSession | null> | null {
    return refund.sessionId ? byIdLoader(ctx, PosSession).load(refund.sessionId) : null;
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description:
      "Who approved it (a refund past the tenant's window or threshold, a return without a receipt); null when none was needed",
  })
  approvedBy(@Root() refund: SaleRefund, @Ctx() ctx: TenantContext): Promise<User | null> | null {
    return refund.approvedById ? byIdLoader(ctx, User).load(refund.approvedById) : null;
  }

  @FieldResolver(() => UserType)
  processedBy(@Root() refund: SaleRefund, @Ctx() ctx: TenantContext): Promise<User | null> {
    return byIdLoader(ctx, User).load(refund.processedById);
  }

  @FieldResolver(() => LocationType, { description: 'Where it happened: the location restocked and reported' })
  location(@Root() refund: SaleRefund, @Ctx() ctx: TenantContext): Promise<Location | null> {
    return byIdLoader(ctx, Location).load(refund.locationId);
  }
}
