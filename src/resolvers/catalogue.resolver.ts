import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { CatalogueChanges, UpsertProductsInput, UpsertProductsResult } from '../schema/catalogue.types';
import type { CatalogueChangesPage } from '../services/catalog/catalogue-changes';
import { upsertProducts, UpsertResult } from '../services/catalog/product-upsert';

@Resolver()
export class CatalogueResolver {
  @Authorized('inventory:read')
  @Query(() => CatalogueChanges, {
    description: 'Every product change after the cursor, in commit order (null: from the start); first 1-5000',
  })
  catalogueChanges(
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: TenantContext,
  ): Promise<CatalogueChangesPage> {
    return ctx.services.catalogue.changes(ctx, after, first);
  }

  @Authorized('inventory:product:write')
  @Mutation(() => UpsertProductsResult, { description: 'Creates or updates up to 1,000 products by sku' })
  upsertProducts(@Arg('input') input: UpsertProductsInput, @Ctx() ctx: TenantContext): Promise<UpsertResult> {
    return upsertProducts(ctx, input.products);
  }
}
