import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { TenantContext } from '../context';
import { Location } from '../entities';
import { CreateLocationInput, LocationType } from '../schema/inventory.types';

@Resolver(() => LocationType)
export class LocationResolver {
  @Authorized('inventory:product:write')
  @Mutation(() => LocationType)
  createLocation(@Arg('input') input: CreateLocationInput, @Ctx() ctx: TenantContext): Promise<Location> {
    return ctx.services.locations.create(ctx, input);
  }

  @Authorized('inventory:read')
  @Query(() => [LocationType], { description: "The tenant's locations by code (active ones unless told)" })
  locations(
    @Arg('includeInactive', () => Boolean, { nullable: true }) includeInactive: boolean | null,
    @Ctx() ctx: TenantContext,
  ): Promise<Location[]> {
    return ctx.services.locations.list(ctx, includeInactive ?? false);
  }
}
