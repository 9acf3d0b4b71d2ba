import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { actorId } from '../../auth/actor';
import { TenantContext } from '../../context';
import { Product, StockMovement, Tenant } from '../../entities';
import { StockMovementType, StockReferenceType } from '../../entities/stock-enums';
import { badInput } from '../../errors';
import { Dec } from '../../money/decimal';
import { LocationService } from '../catalog/location.service';
import { ProductService } from '../catalog/product.service';
import { inTransaction } from '../core/transaction';
import { currentTenant } from '../tenancy/current-tenant';
import {
  byKey,
  insufficient,
  keyOf,
  MAX_QUANTITY,
  nonNegativeCost,
  positiveQuantity,
  StockLevels,
} from './stock-levels';
import { consumeReservationRows, liveReservationKeys, StockKey, takeFromLevels } from './stock.sql';
import { ValuationService } from './valuation.service';
import { emitStockAdjusted } from '../webhooks/domain-events';

export interface ConsumeInput {
  referenceId: string;
  referenceType: StockReferenceType;
  actorId?: string | null;
  /**
   * The units the reference must hold per product and location. Given, exactly
   * these are consumed: units whose reservation the expiry job released are
   * taken again first (INSUFFICIENT_STOCK when they are no longer available),
   * a larger reservation gives its excess back. Omitted: whatever is reserved is consumed.
   */
  expected?: Array<StockKey & { quantity: number }>;
  /** Below zero whatever the tenant's setting (an offline sale: the goods are already gone). */
  allowNegative?: boolean;
}

export interface ConsumedLine {
  productId: string;
  quantity: number;
  /** Exact cost of the units (4 decimals). */
  costAmount: Decimal;
  /** costAmount / quantity, 4 decimals HALF_UP. */
  unitCost: Decimal;
  /** Units on hand where they were taken, once they were (summed over locations): below 0 for an oversold line. */
  onHandAfter: number;
}

export interface RestockInput extends StockKey {
  quantity: number;
  unitCost: Decimal;
  referenceType: StockReferenceType;
  referenceId?: string | null;
  actorId?: string | null;
  reason?: string | null;
}

export interface ReceiveStockInput {
  locationId: string;
  reference?: string | null;
  lines: Array<{ productId: string; quantity: number; unitCost: Decimal }>;
}

export interface AdjustStockInput extends StockKey {
  /** Signed: positive adds units, negative removes them. */
  quantity: number;
  reason: string;
}

interface MovementFields {
  type: StockMovementType;
  referenceType: StockReferenceType;
  referenceId?: string | null;
  actorId?: string | null;
  reason?: string | null;
}

/**
 * The ledger: every change of onHand (receipts, adjustments, sales consuming
 * their reservations, returns) writes exactly one stock movement, so onHand
 * always equals the sum of the movements, and moves cost layers under the
 * level row lock (stock-levels.ts). Every method runs in the caller's
 * transaction (or opens one). Signatures in docs/inventory.md.
 */
export class StockLedgerService {
  constructor(
    private readonly levels: StockLevels,
    private readonly valuation: ValuationService,
    private readonly products: ProductService,
    private readonly locations: LocationService,
  ) {}

  /**
   * Turns the reference's live reservations into OUT movements (one per
   * product and location), consuming cost layers per the tenant's costing
   * method, and returns the exact cost per product (sorted by product id).
   * Without `expected` only live reservations are consumed; with it, exactly
   * the expected units (a checkout whose reservations may have expired).
   */
  async consume(ctx: TenantContext, input: ConsumeInput): Promise<ConsumedLine[]> {
    const [lines] = await this.consumeEach(ctx, [input]);
    return lines;
  }

  /**
   * `consume` for several references (a batch of sales), one after another in
   * `inputs` order as if each were consumed alone, with one statement per step
   * for all of them: the level rows are shared by every register, so they are
   * locked once, in lock order, and held for the few statements that follow.
   */
  async consumeEach(ctx: TenantContext, inputs: readonly ConsumeInput[]): Promise<ConsumedLine[][]> {
    return inTransaction(ctx, async (tx) => {
      const tenant = await currentTenant(tx);
      const keysOf: Array<Array<StockKey & { quantity?: number }>> = [];
      for (const input of inputs) {
        keysOf.push(
          input.expected
            ? [...input.expected].sort(byKey)
            : await liveReservationKeys(tx.em, tx.tenantId, input.referenceId),
        );
      }
      const referenced = inputs.flatMap((input, i) => keysOf[i].map((k) => ({ ...k, referenceId: input.referenceId })));
      const distinct = [...new Map(referenced.map((k) => [keyOf(k), k])).values()].sort(byKey);
      const levels = await this.levels.lockMany(tx, distinct);
      const claimed = new Map<string, number>();
      if (referenced.length) {
        for (const row of await consumeReservationRows(tx.em, tx.tenantId, referenced)) {
          const key = `${row.referenceId}:${keyOf(row)}`;
          claimed.set(key, (claimed.get(key) ?? 0) + row.quantity);
        }
      }
      const takes: Array<StockKey & { quantity: number; claimed: number; input: number; onHandAfter: number }> = [];
      for (const [i, input] of inputs.entries()) {
        const allowNegative = tenant.allowNegativeStock || input.allowNegative === true;
        for (const key of keysOf[i]) {
          const held = claimed.get(`${input.referenceId}:${keyOf(key)}`) ?? 0;
          const quantity = key.quantity ?? held;
          if (!quantity) continue;
          if (quantity > held)
            await this.levels.requireAvailable(tx, allowNegative, key, levels.get(keyOf(key)), quantity - held);
          // What this reference leaves is what the next one of the batch finds.
          const level = levels.get(keyOf(key)) ?? { onHand: 0, reserved: 0 };
          levels.set(keyOf(key), { onHand: level.onHand - quantity, reserved: level.reserved - held });
          takes.push({
            productId: key.productId,
            locationId: key.locationId,
            quantity,
            claimed: held,
            input: i,
            onHandAfter: level.onHand - quantity,
          });
        }
      }
      if (takes.length) await takeFromLevels(tx.em, tx.tenantId, sumPerKey(takes));
      // Consuming adds no layer, so a key's fallback cost holds for the whole batch: read once, under the lock.
      const fallbacks = new Map<string, Promise<Decimal>>();
      const costs = await this.valuation.consumeMany(tx, takes, tenant.costingMethod, (key) => {
        if (!fallbacks.has(keyOf(key)))
          fallbacks.set(
            keyOf(key),
            this.products.get(tx, key.productId).then((product) => this.fallbackUnitCost(tx, product, key)),
          );
        return fallbacks.get(keyOf(key))!;
      });
      const results = inputs.map(() => new Map<string, ConsumedLine>());
      takes.forEach((take, i) => {
        const input = inputs[take.input];
        const cost = costs[i];
        const movement = {
          type: StockMovementType.OUT,
          referenceType: input.referenceType,
          referenceId: input.referenceId,
          actorId: input.actorId,
        };
        this.record(tx, take, -take.quantity, movement, cost.unitCost, cost.costAmount);
        const byProduct = results[take.input];
        const line = byProduct.get(take.productId) ?? {
          productId: take.productId,
          quantity: 0,
          costAmount: new Dec(0),
          unitCost: new Dec(0),
          onHandAfter: 0,
        };
        line.quantity += take.quantity;
        line.costAmount = line.costAmount.plus(cost.costAmount);
        line.unitCost = line.costAmount.div(line.quantity).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
        line.onHandAfter += take.onHandAfter;
        byProduct.set(take.productId, line);
      });
      // The movements are written by the caller's next flush, or by the commit's.
      return results.map((byProduct) => [...byProduct.values()]);
    });
  }

  /**
   * Puts units back (refund, void): per line an IN movement and a new cost
   * layer at `unitCost`, in one transaction: the products and locations are
   * checked with one query each, the level rows are locked in lock order, and
   * everything is flushed once.
   */
  async restockAll(ctx: TenantContext, inputs: readonly RestockInput[]): Promise<void> {
    if (!inputs.length) return;
    for (const input of inputs) {
      positiveQuantity(input.quantity);
      nonNegativeCost('unitCost', input.unitCost);
    }
    const ordered = [...inputs].sort(byKey);
    await inTransaction(ctx, async (tx) => {
      await this.products.getMany(
        tx,
        ordered.map((i) => i.productId),
      );
      for (const locationId of new Set(ordered.map((i) => i.locationId))) await this.locations.get(tx, locationId);
      for (const input of ordered) {
        await this.putIn(tx, input, input.quantity, input.unitCost, {
          type: StockMovementType.IN,
          referenceType: input.referenceType,
          referenceId: input.referenceId,
          actorId: input.actorId,
          reason: input.reason,
        });
      }
      await tx.em.flush();
    });
  }

  /**
   * Receives goods at a location: one IN movement and one cost layer per line.
   * Bad quantities or costs are BAD_USER_INPUT naming the line; an unknown
   * location or product (or another tenant's) is NOT_FOUND; nothing is written then.
   */
  async receive(ctx: TenantContext, input: ReceiveStockInput): Promise<StockMovement[]> {
    if (!input.lines.length) throw badInput('lines', 'must hold at least one line');
    input.lines.forEach((line, i) => {
      positiveQuantity(line.quantity, `lines.${i}.quantity`);
      nonNegativeCost(`lines.${i}.unitCost`, line.unitCost);
    });
    return inTransaction(ctx, async (tx) => {
      await this.locations.get(tx, input.locationId);
      await this.products.getMany(
        tx,
        input.lines.map((l) => l.productId),
      );
      const order = input.lines
        .map((line, i) => ({ line, i, key: { productId: line.productId, locationId: input.locationId } }))
        .sort((a, b) => byKey(a.key, b.key));
      const movements: StockMovement[] = [];
      for (const { line, i, key } of order) {
        movements[i] = await this.putIn(tx, key, line.quantity, line.unitCost, {
          type: StockMovementType.IN,
          referenceType: StockReferenceType.RECEIPT,
          referenceId: input.reference,
          actorId: actorId(tx.actor),
        });
      }
      await tx.em.flush();
      return movements;
    });
  }

  /**
   * Corrects the count (signed quantity) with an ADJUSTMENT movement. Added
   * units get a cost layer at the product's cost price (else the last layer's
   * cost); removed units consume layers per the costing method. Removing more
   * than is on hand is INSUFFICIENT_STOCK unless the tenant allows negative stock.
   */
  async adjust(ctx: TenantContext, input: AdjustStockInput): Promise<StockMovement> {
    if (!Number.isInteger(input.quantity) || input.quantity === 0 || Math.abs(input.quantity) > MAX_QUANTITY) {
      throw badInput('quantity', `must be a non-zero whole number within +/-${MAX_QUANTITY}`);
    }
    return inTransaction(ctx, async (tx) => {
      await this.locations.get(tx, input.locationId);
      const product = await this.products.get(tx, input.productId);
      const tenant = await currentTenant(tx);
      const movement = {
        type: StockMovementType.ADJUSTMENT,
        referenceType: StockReferenceType.ADJUSTMENT,
        actorId: actorId(tx.actor),
        reason: input.reason,
      };
      let result: StockMovement;
      if (input.quantity > 0) {
        const unitCost = await this.fallbackUnitCost(tx, product, input);
        result = await this.putIn(tx, input, input.quantity, unitCost, movement);
      } else {
        const level = await this.levels.lock(tx, input, true);
        const removing = -input.quantity;
        if (level.onHand < removing && !tenant.allowNegativeStock) {
          throw insufficient(input, level.onHand, `only ${level.onHand} on hand`);
        }
        await this.levels.change(tx, input, input.quantity, 0);
        const consumption = await this.valuation.consume(tx, input, removing, tenant.costingMethod, async () =>
          this.fallbackUnitCost(tx, product, input),
        );
        result = this.record(tx, input, input.quantity, movement, consumption.unitCost, consumption.costAmount);
      }
      await tx.em.flush();
      await emitStockAdjusted(tx, result);
      return result;
    });
  }

  /** Adds units with a cost layer and an IN/ADJUSTMENT movement; the layer skips units that refill negative stock. */
  private async putIn(
    tx: TenantContext,
    key: StockKey,
    quantity: number,
    unitCost: Decimal,
    movement: MovementFields,
  ): Promise<StockMovement> {
    await this.levels.lock(tx, key, true);
    const after = await this.levels.change(tx, key, quantity, 0);
    await this.valuation.addLayer(tx, {
      ...key,
      quantity,
      remaining: Math.min(quantity, Math.max(0, after.onHand)),
      unitCost,
      source: movement.referenceType,
      referenceId: movement.referenceId,
    });
    return this.record(tx, key, quantity, movement, unitCost, unitCost.times(quantity));
  }

  private record(
    tx: TenantContext,
    key: StockKey,
    quantity: number,
    fields: MovementFields,
    unitCost: Decimal,
    costAmount: Decimal,
  ): StockMovement {
    return tx.em.create(StockMovement, {
      id: randomUUID(),
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      productId: key.productId,
      locationId: key.locationId,
      type: fields.type,
      quantity,
      reason: fields.reason ?? null,
      referenceType: fields.referenceType,
      referenceId: fields.referenceId ?? null,
      actorId: fields.actorId ?? null,
      unitCost,
      costAmount,
      createdAt: new Date(),
    });
  }

  /** Cost for units no layer covers: the product's cost price, else the last layer's unit cost, else 0. */
  private async fallbackUnitCost(tx: TenantContext, product: Product, key: StockKey): Promise<Decimal> {
    if (product.costPrice.gt(0)) return product.costPrice;
    return (await this.valuation.lastUnitCost(tx, key)) ?? new Dec(0);
  }
}

/** One take per key: an update joined to several rows of the same key would apply only one of them. */
function sumPerKey(takes: ReadonlyArray<StockKey & { quantity: number; claimed: number }>) {
  const sums = new Map<string, StockKey & { quantity: number; claimed: number }>();
  for (const take of takes) {
    const sum = sums.get(keyOf(take));
    if (sum) Object.assign(sum, { quantity: sum.quantity + take.quantity, claimed: sum.claimed + take.claimed });
    else
      sums.set(keyOf(take), {
        productId: take.productId,
        locationId: take.locationId,
        quantity: take.quantity,
        claimed: take.claimed,
      });
  }
  return [...sums.values()];
}
