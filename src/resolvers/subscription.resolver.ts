import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { TenantContext } from '../context';
import { Sale } from '../entities';
import { CustomerDisplayType } from '../schema/cart.types';
import { SaleType } from '../schema/checkout.types';
import type { CustomerDisplay } from '../services/sales/cart/cart-events';
import type { SaleCompletedEvent } from '../services/sales/checkout/sale-events';

/** Live feeds for screens: customer displays and back-office dashboards (hardwareCommands is with the commands). */
@Resolver()
export class SubscriptionResolver {
  @Authorized('pos:sale:read', 'device:DISPLAY')
  @Subscription(() => CustomerDisplayType, {
    description: "What the terminal's customer display shows, after every committed change of its cart",
    subscribe: ({ args, context }) => context.services.subscriptions.cartUpdates(context, String(args.terminalId)),
  })
  cartUpdated(@Arg('terminalId', () => ID) _terminalId: string, @Root() display: CustomerDisplay): CustomerDisplay {
    return display;
  }

  @Authorized('pos:sale:read')
  @Subscription(() => SaleType, {
    description: 'Each sale once it is completed, at one location or (no locationId) at all of them',
    subscribe: ({ args, context }) =>
      context.services.subscriptions.saleCompletions(context, (args.locationId as string | null) ?? null),
  })
  saleCompleted(
    @Root() event: SaleCompletedEvent,
    @Ctx() ctx: TenantContext,
    @Arg('locationId', () => ID, { nullable: true }) _locationId?: string,
  ): Promise<Sale> {
    return ctx.services.subscriptions.completedSale(ctx, event);
  }
}
