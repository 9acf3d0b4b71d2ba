import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { StockMovement } from '../entities';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import {
  AdjustStockInput,
  ReceiveStockInput,
  StockLevelType,
  StockMovementConnection,
  StockMovementFilterInput,
  StockMovementType,
} from '../schema/stock.types';
import { StockLevelView } from '../services/inventory/stock-query.service';

@Resolver()
export class StockResolver {
  @Authorized('inventory:stock:write')
  @Mutation(() => [StockMovementType], { description: 'One IN movement (and cost layer) per line, in line order' })
  receiveStock(@Arg('input') input: ReceiveStockInput, @Ctx() ctx: TenantContext): Promise<StockMovement[]> {
    return ctx.services.stock.receive(ctx, input);
  }

  @Authorized('inventory:stock:write')
  @Mutation(() => StockMovementType, { description: 'A signed count correction; removing units consumes cost layers' })
  adjustStock(@Arg('input') input: AdjustStockInput, @Ctx() ctx: TenantContext): Promise<StockMovement> {
    return ctx.services.stock.adjust(ctx, input);
  }

  @Authorized('inventory:read')
  @Query(() => [StockLevelType], {
    description: 'Of the given products (zeros when none), or of every product stocked there',
  })
  stockLevels(
    @Arg('locationId', () => ID) locationId: string,
    @Arg('productIds', () => [ID], { nullable: true }) productIds: string[] | null,
    @Ctx() ctx: TenantContext,
  ): Promise<StockLevelView[]> {
    return ctx.services.stockQueries.levelsAt(ctx, locationId, productIds);
  }

  @Authorized('inventory:read')
  @Query(() => StockMovementConnection, { description: 'Newest first' })
  async stockMovements(
    @Arg('filter', () => StockMovementFilterInput, { nullable: true }) filter: StockMovementFilterInput | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: TenantContext,
  ): Promise<ConnectionShape<StockMovement>> {
    return toConnection(await ctx.services.stockQueries.movements(ctx, filter ?? {}, page));
  }
}
