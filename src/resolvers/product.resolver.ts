import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { IsOptional, Length, MaxLength } from 'class-validator';
import { TenantContext } from '../context';
import { Product } from '../entities';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import { CreateProductInput, ProductConnection, ProductType, UpdateProductInput } from '../schema/inventory.types';
import { StockLevelType } from '../schema/stock.types';
import { StockLevelView } from '../services/inventory/stock-query.service';

@ArgsType()
class ProductsArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Part of the name or sku (case-insensitive)' })
  @IsOptional()
  @MaxLength(100)
  search?: string;
  @Field({ nullable: true, description: 'Exact barcode' }) @IsOptional() @Length(1, 100) barcode?: string;
  @Field({ nullable: true, description: 'Exact sku (case-sensitive)' }) @IsOptional() @Length(1, 100) sku?: string;
}

@Resolver(() => ProductType)
export class ProductResolver {
  @Authorized('inventory:product:write')
  @Mutation(() => ProductType)
  createProduct(@Arg('input') input: CreateProductInput, @Ctx() ctx: TenantContext): Promise<Product> {
    return ctx.services.products.create(ctx, input);
  }

  @Authorized('inventory:product:write')
  @Mutation(() => ProductType)
  updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateProductInput,
    @Ctx() ctx: TenantContext,
  ): Promise<Product> {
    return ctx.services.products.update(ctx, id, input);
  }

  @Authorized('inventory:read')
  @Query(() => ProductConnection, { description: 'Products by name' })
  async products(@Args() args: ProductsArgs, @Ctx() ctx: TenantContext): Promise<ConnectionShape<Product>> {
    return toConnection(await ctx.services.products.list(ctx, args, args));
  }

  @Authorized('inventory:read')
  @Query(() => ProductType, { nullable: true, description: "Null when no product of the caller's tenant has this id" })
  async product(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<Product | null> {
    return ctx.services.products.find(ctx, id);
  }

  @FieldResolver(() => [StockLevelType], {
    description: 'At one location (zeros when none there), or wherever it is stocked',
  })
  stockLevels(
    @Root() product: Product,
    @Arg('locationId', () => ID, { nullable: true }) locationId: string | null,
    @Ctx() ctx: TenantContext,
  ): Promise<StockLevelView[]> {
    return ctx.loaders
      .get<string, StockLevelView[]>(`product.stockLevels:${locationId ?? '*'}`, (ids) =>
        ctx.services.stockQueries.levelsOfProducts(ctx, ids, locationId),
      )
      .load(product.id);
  }
}
