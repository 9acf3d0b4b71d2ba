import { assertDeviceBoundTo } from '../../auth/device-access';
import { TenantContext } from '../../context';
import { HardwareCommand, Sale } from '../../entities';
import { TENANT_FILTER } from '../../entities/tenant-scoped';
import { notFound } from '../../errors';
import { Loaders } from '../../loaders';
import { cartTopic, CustomerDisplay } from '../sales/cart/cart-events';
import { HardwareCommandService } from '../hardware/hardware-command.service';
import { LocationService } from '../catalog/location.service';
import { SaleCompletedEvent, saleCompletedTopic } from '../sales/checkout/sale-events';
import { TerminalService } from '../sessions/terminal.service';
import { currentCartDisplay } from './cart-snapshot';
import { withResync } from './resync-iterator';

/**
 * Opens subscription feeds after checking who may read them. Topic names are
 * built here from the caller's tenant (never from client input alone), so a
 * subscriber only ever hears its own tenant's events. The permission itself
 * (`pos:sale:read` or the device marker) is checked by `@Authorized` first.
 */
export class SubscriptionAccess {
  constructor(
    private readonly terminals: TerminalService,
    private readonly locations: LocationService,
    private readonly hardware: HardwareCommandService,
  ) {}

  /**
   * `cartUpdated`: a DISPLAY token for its own terminal only (else
   * FORBIDDEN); a user for any terminal of the tenant (else NOT_FOUND).
   * Resolves once the subscription is registered. When the bus reconnects
   * to Redis, the terminal's current cart is sent (event RESYNC).
   */
  async cartUpdates(ctx: TenantContext, terminalId: string): Promise<AsyncIterableIterator<CustomerDisplay>> {
    await this.requireTerminal(ctx, terminalId, 'DISPLAY');
    const { events } = ctx.services;
    const live = await events.listen<CustomerDisplay>(cartTopic(ctx.tenantId, terminalId));
    // After a Redis outage the cart as it stands now, not only the next change (docs/displays.md).
    const resynced = withResync(
      live,
      (listener) => events.onReconnect(listener),
      () => currentCartDisplay(ctx, terminalId),
    );
    return this.whileTokenValid(ctx, resynced);
  }

  /**
   * `hardwareCommands`: a HARDWARE_AGENT token for its own terminal only
   * (else FORBIDDEN); a user for any terminal of the tenant. Every PENDING
   * command first, then new ones (HardwareCommandService.feed).
   */
  async hardwareCommands(ctx: TenantContext, terminalId: string): Promise<AsyncIterableIterator<HardwareCommand>> {
    await this.requireTerminal(ctx, terminalId, 'HARDWARE_AGENT');
    ctx.log.info({ terminalId, actor: ctx.actor.kind }, 'hardware command feed opened');
    return this.whileTokenValid(ctx, await this.hardware.feed(ctx, terminalId));
  }

  /**
   * `saleCompleted`: users only (devices never hold `pos:sale:read`); one
   * location of the tenant (else NOT_FOUND) or, with none given, all of them.
   */
  async saleCompletions(
    ctx: TenantContext,
    locationId: string | null,
  ): Promise<AsyncIterableIterator<SaleCompletedEvent>> {
    if (locationId !== null) await this.locations.get(ctx, locationId);
    return this.whileTokenValid(
      ctx,
      await ctx.services.events.listen<SaleCompletedEvent>(saleCompletedTopic(ctx.tenantId, locationId)),
    );
  }

  /**
   * The sale of a `saleCompleted` event, read fresh: the subscription's
   * context gets a new EntityManager fork (bound to its tenant) and new
   * DataLoaders for each event, so the Sale's field resolvers see current
   * rows and a long-lived subscription does not accumulate an identity map.
   * (graphql-ws resolves one event of a subscription at a time.)
   */
  async completedSale(ctx: TenantContext, event: SaleCompletedEvent): Promise<Sale> {
    const em = ctx.services.orm.em.fork();
    em.setFilterParams(TENANT_FILTER, { tenantId: ctx.tenantId });
    ctx.em = em;
    ctx.loaders = new Loaders();
    const sale =
      event.tenantId === ctx.tenantId ? await em.findOne(Sale, { id: event.saleId, tenant: ctx.tenantId }) : null;
    if (!sale) throw notFound('Sale', event.saleId);
    return sale;
  }

  /**
   * A feed ends (completes) as soon as its subscriber's credentials change:
   * a device token revoked or its terminal deactivated, a user deactivated,
   * given other roles, or their tokens ended (security/revocations.ts).
   */
  private whileTokenValid<T>(ctx: TenantContext, source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    return ctx.services.revocations.guard(ctx, source);
  }

  private async requireTerminal(ctx: TenantContext, terminalId: string, deviceKind: 'DISPLAY' | 'HARDWARE_AGENT') {
    assertDeviceBoundTo(ctx, terminalId, deviceKind);
    // A device's own terminal was checked with its token; a user names any id, which must be the tenant's.
    if (ctx.actor.kind === 'user') await this.terminals.require(ctx, terminalId);
  }
}
