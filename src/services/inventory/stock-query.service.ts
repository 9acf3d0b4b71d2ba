import { FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '../../context';
import { StockMovement } from '../../entities';
import { StockMovementType, StockReferenceType } from '../../entities/stock-enums';
import { badInput } from '../../errors';
import { isUuid } from '../core/ids';
import { LocationService } from '../catalog/location.service';
import { keysetPage, Page, PageRequest } from '../core/pagination';
import { LevelRow, levelRowsOfProducts, levelsAtLocation, productLevelsAt } from './stock-read.sql';

/** A product's stock at a location; available = onHand - reserved. */
export interface StockLevelView {
  productId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface StockMovementFilter {
  productId?: string | null;
  locationId?: string | null;
  type?: StockMovementType | null;
  referenceType?: StockReferenceType | null;
  referenceId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const MAX_IDS = 1000;

const view = (r: LevelRow): StockLevelView => ({
  productId: r.product_id,
  locationId: r.location_id,
  onHand: Number(r.on_hand),
  reserved: Number(r.reserved),
  available: Number(r.on_hand) - Number(r.reserved),
});

/**
 * Reads of stock (levels, movements). Levels are read with SQL, never as
 * managed entities, because StockService changes them with SQL: an identity
 * map copy would be stale within the same request.
 */
export class StockQueryService {
  constructor(private readonly locations: LocationService) {}

  /**
   * Levels at a location: of the given products (a product of the tenant with
   * no row yet reads as zeros; ids not of the tenant are left out), or every
   * product stocked there. NOT_FOUND for an unknown location.
   */
  async levelsAt(
    ctx: TenantContext,
    locationId: string,
    productIds?: readonly string[] | null,
  ): Promise<StockLevelView[]> {
    await this.locations.get(ctx, locationId);
    if (!productIds) {
      const rows = await levelsAtLocation(ctx.em, ctx.tenantId, locationId);
      return rows.map(view);
    }
    if (productIds.length > MAX_IDS) throw badInput('productIds', `must hold at most ${MAX_IDS} ids`);
    const ids = [...new Set(productIds)].filter(isUuid);
    if (!ids.length) return [];
    const rows = await productLevelsAt(ctx.em, ctx.tenantId, locationId, ids);
    const byId = new Map(rows.map((r) => [r.product_id, view(r)]));
    return productIds.filter((id, i) => byId.has(id) && productIds.indexOf(id) === i).map((id) => byId.get(id)!);
  }

  /**
   * For the Product.stockLevels field (one query per page of products):
   * each product's levels, at one location (zeros when it has no row there)
   * or at every location it is stocked at.
   */
  async levelsOfProducts(
    ctx: TenantContext,
    productIds: readonly string[],
    locationId?: string | null,
  ): Promise<StockLevelView[][]> {
    if (locationId && !isUuid(locationId)) throw badInput('locationId', 'is not a location id');
    const rows = await levelRowsOfProducts(ctx.em, ctx.tenantId, productIds, locationId ?? null);
    const byProduct = new Map<string, StockLevelView[]>();
    for (const row of rows) byProduct.set(row.product_id, [...(byProduct.get(row.product_id) ?? []), view(row)]);
    return productIds.map(
      (id) =>
        byProduct.get(id) ?? (locationId ? [{ productId: id, locationId, onHand: 0, reserved: 0, available: 0 }] : []),
    );
  }

  /** Movements, newest first (keyset pagination). */
  movements(ctx: TenantContext, filter: StockMovementFilter, page: PageRequest): Promise<Page<StockMovement>> {
    for (const field of ['productId', 'locationId'] as const) {
      const id = filter[field];
      if (id && !isUuid(id)) throw badInput(`filter.${field}`, 'is not an id');
    }
    const createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const where: FilterQuery<StockMovement> = {
      tenant: ctx.tenantId,
      ...(filter.productId ? { productId: filter.productId } : {}),
      ...(filter.locationId ? { locationId: filter.locationId } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.referenceType ? { referenceType: filter.referenceType } : {}),
      ...(filter.referenceId ? { referenceId: filter.referenceId } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
    };
    return keysetPage(ctx.em, StockMovement, where, { field: 'createdAt', direction: 'desc' }, page);
  }
}
