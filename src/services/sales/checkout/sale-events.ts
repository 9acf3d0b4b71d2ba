import { TenantContext } from '../../../context';
import { afterCommit } from '../../core/transaction';

/** The small JSON the saleCompleted subscription receives; it loads the sale by id. */
export interface SaleCompletedEvent {
  saleId: string;
  tenantId: string;
  locationId: string;
}

/**
 * The topic of a tenant's completed sales at one location, or at all its
 * locations (`locationId` null): `saleCompleted(locationId)` subscribes to one
 * of the two; every completion is published on both.
 */
export function saleCompletedTopic(tenantId: string, locationId?: string | null): string {
  return `sale-completed:${tenantId}:${locationId ?? '*'}`;
}

/** Publishes the completion once the surrounding transaction commits (nothing on rollback). */
export async function publishSaleCompleted(ctx: TenantContext, event: SaleCompletedEvent): Promise<void> {
  await afterCommit(ctx, async () => {
    await ctx.services.events.publish(saleCompletedTopic(event.tenantId, event.locationId), event);
    await ctx.services.events.publish(saleCompletedTopic(event.tenantId, null), event);
  });
}
