import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TenantContext } from '../context';
import { Location, PosTerminal } from '../entities';
import { LocationType } from '../schema/inventory.types';
import { CreateTerminalInput, TerminalType, UpdateTerminalInput } from '../schema/terminal.types';
import { byIdLoader } from '../services/core/by-id-loader';

@Resolver(() => TerminalType)
export class TerminalResolver {
  @Authorized('pos:terminal:create')
  @Mutation(() => TerminalType)
  createTerminal(@Arg('input') input: CreateTerminalInput, @Ctx() ctx: TenantContext): Promise<PosTerminal> {
    return ctx.services.terminals.create(ctx, input);
  }

  @Authorized('pos:terminal:update')
  @Mutation(() => TerminalType, { description: 'The code cannot change; isActive false is deactivateTerminal' })
  updateTerminal(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateTerminalInput,
    @Ctx() ctx: TenantContext,
  ): Promise<PosTerminal> {
    return ctx.services.terminals.update(ctx, id, input);
  }

  @Authorized('pos:terminal:delete')
  @Mutation(() => TerminalType, {
    description: 'Soft delete: no new sessions or sales, device tokens refused, history kept',
  })
  deactivateTerminal(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<PosTerminal> {
    return ctx.services.terminals.deactivate(ctx, id);
  }

  @Authorized('pos:terminal:read')
  @Query(() => [TerminalType], { description: 'By code; active ones unless includeInactive' })
  terminals(
    @Ctx() ctx: TenantContext,
    @Arg('locationId', () => ID, { nullable: true }) locationId?: string,
    @Arg('includeInactive', () => Boolean, { nullable: true }) includeInactive?: boolean,
  ): Promise<PosTerminal[]> {
    return ctx.services.terminals.list(ctx, { locationId, includeInactive });
  }

  @Authorized('pos:terminal:read')
  @Query(() => TerminalType, { nullable: true })
  terminal(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<PosTerminal | null> {
    return ctx.services.terminals.get(ctx, id);
  }

  @FieldResolver(() => ID)
  locationId(@Root() terminal: PosTerminal): string {
    return terminal.location.id;
  }

  @FieldResolver(() => LocationType)
  async location(@Root() terminal: PosTerminal, @Ctx() ctx: TenantContext): Promise<Location> {
    return (await byIdLoader(ctx, Location).load(terminal.location.id))!;
  }
}
