import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';
import { CostingMethod } from '../../entities/enums';
import { StockReferenceType } from '../../entities/stock-enums';
import { Dec } from '../../money/decimal';
import { Consumption, consumeLayers, LayerChange, LayerState } from '../../money/cost-layers';
import { pgArray, query } from '../core/sql';
import { keyOf } from './stock-levels';
import type { StockKey } from './stock.sql';

/**
 * Cost layers (valuation_layers). Every method must run inside the caller's
 * transaction while it holds the stock level row lock of the product at the
 * location (StockService does), which is what serializes layer changes.
 */
export class ValuationService {
  /**
   * Adds a layer of `quantity` units at `unitCost`, of which `remaining` are
   * still in stock (fewer than received when the receipt refills negative stock).
   * `received_at` is the statement's clock time, so layers added one after
   * another under the lock are strictly ordered for FIFO/LIFO.
   */
  async addLayer(
    tx: TenantContext,
    key: StockKey & {
      quantity: number;
      remaining: number;
      unitCost: Decimal;
      source: StockReferenceType;
      referenceId?: string | null;
    },
  ): Promise<void> {
    await query(
      tx.em,
      `insert into valuation_layers (id, tenant_id, created_at, product_id, location_id, quantity, remaining, unit_cost, remaining_value, received_at, source, reference_id)
       values (:id, :tenant, now(), :product, :location, :quantity, :remaining, :unitCost, :remainingValue, clock_timestamp(), :source, :reference)`,
      {
        id: randomUUID(),
        tenant: tx.tenantId,
        product: key.productId,
        location: key.locationId,
        quantity: key.quantity,
        remaining: key.remaining,
        unitCost: key.unitCost.toFixed(),
        remainingValue: key.unitCost.times(key.remaining).toFixed(),
        source: key.source,
        reference: key.referenceId ?? null,
      },
    );
  }

  /**
   * Takes `quantity` units out of the layers per `method` (cost-layers.ts) and
   * returns their exact cost. Units beyond the layers cost `fallbackUnitCost`.
   */
  async consume(
    tx: TenantContext,
    key: StockKey,
    quantity: number,
    method: CostingMethod,
    fallbackUnitCost: () => Promise<Decimal>,
  ): Promise<Consumption> {
    const [result] = await this.consumeMany(tx, [{ ...key, quantity }], method, fallbackUnitCost);
    return result;
  }

  /**
   * `consume` for several products and locations at once (one read of their
   * layers, one write of the changed ones), results in `items` order. A key
   * may come more than once (several sales of one batch): each item takes
   * from what the ones before it left. The caller holds every item's level lock.
   */
  async consumeMany(
    tx: TenantContext,
    items: ReadonlyArray<StockKey & { quantity: number }>,
    method: CostingMethod,
    fallbackUnitCost: (key: StockKey) => Promise<Decimal>,
  ): Promise<Consumption[]> {
    if (!items.length) return [];
    const rows = await query<{
      id: string;
      product_id: string;
      location_id: string;
      remaining: number;
      remaining_value: string;
    }>(
      tx.em,
      `select id, product_id, location_id, remaining, remaining_value from valuation_layers
       where tenant_id = :tenant and product_id = any(:products::uuid[]) and location_id = any(:locations::uuid[])
         and remaining > 0
       order by received_at, id`,
      {
        tenant: tx.tenantId,
        products: pgArray(items.map((i) => i.productId)),
        locations: pgArray(items.map((i) => i.locationId)),
      },
    );
    const layersByKey = new Map<string, LayerState[]>();
    for (const r of rows) {
      const key = keyOf({ productId: r.product_id, locationId: r.location_id });
      const layers = layersByKey.get(key) ?? [];
      layers.push({ id: r.id, remaining: Number(r.remaining), remainingValue: new Dec(r.remaining_value) });
      layersByKey.set(key, layers);
    }
    const changed = new Map<string, LayerChange>();
    const results: Consumption[] = [];
    for (const item of items) {
      const layers = layersByKey.get(keyOf(item)) ?? [];
      const held = layers.reduce((n, l) => n + l.remaining, 0);
      const fallback = item.quantity > held ? await fallbackUnitCost(item) : new Dec(0);
      const result = consumeLayers(layers, item.quantity, method, fallback);
      for (const change of result.changes) {
        const layer = layers.find((l) => l.id === change.id)!;
        Object.assign(layer, { remaining: change.remaining, remainingValue: change.remainingValue });
        changed.set(change.id, change);
      }
      results.push(result);
    }
    const changes = [...changed.values()];
    if (changes.length) {
      await query(
        tx.em,
        `update valuation_layers v set remaining = c.remaining, remaining_value = c.remaining_value
         from unnest(:ids::uuid[], :remaining::int[], :values::numeric[]) as c (id, remaining, remaining_value)
         where v.id = c.id and v.tenant_id = :tenant`,
        {
          ids: pgArray(changes.map((c) => c.id)),
          remaining: pgArray(changes.map((c) => c.remaining)),
          values: pgArray(changes.map((c) => c.remainingValue.toFixed())),
          tenant: tx.tenantId,
        },
      );
    }
    return results;
  }

  /** The unit cost of the most recent layer (empty or not), if any. */
  async lastUnitCost(tx: TenantContext, key: StockKey): Promise<Decimal | undefined> {
    const [row] = await query<{ unit_cost: string }>(
      tx.em,
      `select unit_cost from valuation_layers where tenant_id = :tenant and product_id = :product and location_id = :location
       order by received_at desc, id desc limit 1`,
      { tenant: tx.tenantId, product: key.productId, location: key.locationId },
    );
    return row ? new Dec(row.unit_cost) : undefined;
  }
}
