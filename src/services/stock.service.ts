import Decimal from 'decimal.js';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { actorId } from '../auth/actor';
import { TenantContext } from '../context';
import { Product, StockMovement, StockReservation, Tenant } from '../entities';
import { StockMovementType, StockReferenceType } from '../entities/stock-enums';
import { badInput, DomainError } from '../errors';
import { Dec } from '../money/decimal';
import { LocationService } from './location.service';
import { ProductService } from './product.service';
import { inTransaction } from './transaction';
import { pgArray, StockKey, ValuationService } from './valuation.service';
import { emitStockAdjusted } from './webhooks/domain-events';

export interface ReserveInput extends StockKey {
  quantity: number;
  referenceType: 'SALE';
  referenceId: string;
  expiresAt: Date;
}

export interface AdjustReservationInput extends StockKey {
  referenceId: string;
  /** The quantity the reference should hold from now on; 0 releases. */
  quantity: number;
  /** A new reservation's expiry; default: the tenant's cart expiry from now. */
  expiresAt?: Date;
}

export interface ConsumeInput {
  referenceId: string;
  referenceType: StockReferenceType;
  actorId?: string | null;
  /**
   * The units the reference must hold per product and location. Given, exactly
   * these are consumed: units whose reservation the expiry job released are
   * taken again first (INSUFFICIENT_STOCK as `reserve`), a larger reservation
   * gives its excess back. Omitted: whatever is reserved is consumed.
   */
  expected?: Array<StockKey & { quantity: number }>;
}

export interface ConsumedLine {
  productId: string;
  quantity: number;
  /** Exact cost of the units (4 decimals). */
  costAmount: Decimal;
  /** costAmount / quantity, 4 decimals HALF_UP. */
  unitCost: Decimal;
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

/** A live reservation as read under its row lock. */
export interface LiveReservation extends StockKey {
  id: string;
  quantity: number;
}

interface Level {
  onHand: number;
  reserved: number;
}

const MAX_QUANTITY = 1_000_000;

/**
 * Stock levels, reservations and movements: the contract the cart, checkout
 * and refund modules call (signatures in docs/inventory.md).
 *
 * Every method runs in the caller's transaction (or opens one). Before it
 * touches anything of a product at a location it locks that stock_levels row
 * (SELECT ... FOR UPDATE); several rows are locked in (productId, locationId)
 * order, so concurrent sales cannot deadlock. Reservations and cost layers
 * are only changed under that lock. Every change of onHand writes exactly one
 * stock movement, so onHand always equals the sum of the movements.
 */
export class StockService {
  constructor(
    private readonly valuation: ValuationService,
    private readonly products: ProductService,
    private readonly locations: LocationService,
  ) {}

  /**
   * Holds `quantity` more units for the reference (a live reservation of the
   * same product, location and reference grows). INSUFFICIENT_STOCK when
   * available would go below zero, unless the tenant allows negative stock.
   */
  async reserve(ctx: TenantContext, input: ReserveInput): Promise<StockReservation> {
    positiveQuantity(input.quantity);
    validDate('expiresAt', input.expiresAt);
    return inTransaction(ctx, async (tx) => {
      const level = await this.lockLevel(tx, input, false);
      const tenant = await this.tenant(tx);
      await this.requireAvailable(tx, tenant, input, level, input.quantity);
      await this.changeLevel(tx, input, 0, input.quantity);
      const live = await this.liveReservation(tx, input, input.referenceId);
      const reservation =
        live ??
        this.newReservation(tx, input, {
          quantity: 0,
          referenceType: input.referenceType,
          referenceId: input.referenceId,
          expiresAt: input.expiresAt,
        });
      reservation.quantity += input.quantity;
      reservation.expiresAt = input.expiresAt;
      await tx.em.flush();
      return reservation;
    });
  }

  /**
   * Sets how many units of the product the reference holds (0 releases). A
   * new reservation expires after the tenant's cart expiry. Growing it is
   * INSUFFICIENT_STOCK like `reserve`.
   */
  async adjustReservation(ctx: TenantContext, input: AdjustReservationInput): Promise<void> {
    assertReservable(input.quantity);
    await inTransaction(ctx, async (tx) => {
      const level = await this.lockLevel(tx, input, false);
      const live = await this.liveReservation(tx, input, input.referenceId);
      const delta = input.quantity - (live?.quantity ?? 0);
      if (delta === 0) return;
      if (delta > 0) await this.requireAvailable(tx, await this.tenant(tx), input, level, delta);
      await this.changeLevel(tx, input, 0, delta);
      if (live) {
        live.quantity = input.quantity;
        if (input.quantity === 0) Object.assign(live, { released: true, releasedAt: new Date() });
      } else {
        // The level lock is already ours and availability checked: `reserve` would take both again.
        const tenant = await this.tenant(tx);
        this.newReservation(tx, input, {
          quantity: delta,
          referenceType: 'SALE',
          referenceId: input.referenceId,
          expiresAt: input.expiresAt ?? new Date(Date.now() + tenant.cartExpiryMinutes * 60_000),
        });
      }
      await tx.em.flush();
    });
  }

  /** Releases every live reservation of the reference (or only the product's), giving the units back to available. */
  async release(ctx: TenantContext, input: { referenceId: string; productId?: string }): Promise<void> {
    await inTransaction(ctx, async (tx) => {
      for (const key of await this.liveKeys(tx, input.referenceId, input.productId)) {
        await this.lockLevel(tx, key, false);
        const quantity = await this.claimReservations(tx, key, input.referenceId, false);
        if (quantity) await this.changeLevel(tx, key, 0, -quantity);
      }
    });
  }

  /**
   * Moves the expiry of the reference's live reservations (carts refresh it on
   * every change) and returns them: their rows stay locked by this update
   * until the transaction ends, so the expiry job cannot release them meanwhile.
   */
  async extendReservations(ctx: TenantContext, referenceId: string, expiresAt: Date): Promise<LiveReservation[]> {
    validDate('expiresAt', expiresAt);
    return inTransaction(ctx, async (tx) => {
      const rows = await tx.em.execute<
        Array<{ id: string; product_id: string; location_id: string; quantity: number }>
      >(
        `update stock_reservations set expires_at = ? where tenant_id = ? and reference_id = ? and released = false
         returning id, product_id, location_id, quantity`,
        [expiresAt, tx.tenantId, referenceId],
      );
      return rows.map((r) => ({
        id: r.id,
        productId: r.product_id,
        locationId: r.location_id,
        quantity: Number(r.quantity),
      }));
    });
  }

  /**
   * For a cart edit, in ONE statement: moves the expiry of all the
   * reference's live reservations to `expiresAt` (so the expiry job leaves
   * them alone) and sets the product's to `quantity`, changing the shared
   * level row by one conditional update (it stays locked only until commit:
   * this is the edit's last statement). The product's reservation row is
   * locked first, so one the expiry job just released is not counted as
   * held. A missing level row or too little stock goes through
   * `adjustReservation` (its errors).
   */
  async setReservation(ctx: TenantContext, input: AdjustReservationInput & { expiresAt: Date }): Promise<void> {
    assertReservable(input.quantity);
    validDate('expiresAt', input.expiresAt);
    await inTransaction(ctx, async (tx) => {
      const tenant = await this.tenant(tx);
      const { tenantId } = tx;
      const { productId, locationId, referenceId, quantity, expiresAt } = input;
      const [result] = await tx.em.execute<Array<{ units: number; levels: number }>>(
        `with held as (
           select id, quantity from stock_reservations
           where tenant_id = ? and reference_id = ? and product_id = ? and location_id = ? and released = false
           order by created_at, id limit 1
           for update
         ),
         delta as (select ?::int - coalesce((select quantity from held), 0) as units),
         level as (
           update stock_levels l set reserved = l.reserved + d.units, updated_at = now()
           from delta d
           where d.units <> 0 and l.tenant_id = ? and l.product_id = ? and l.location_id = ?
             and (d.units < 0 or ?::boolean or l.on_hand - l.reserved >= d.units)
           returning l.id
         ),
         extended as (
           update stock_reservations r
           set expires_at = ?,
               quantity = case when r.id = h.id and h.level_changed then ?::int else r.quantity end,
               released = (r.id = h.id and h.level_changed and ?::int = 0) is true,
               released_at = case when r.id = h.id and h.level_changed and ?::int = 0 then now() else r.released_at end
           from (select (select id from held) as id, exists (select 1 from level) as level_changed) h
           where r.tenant_id = ? and r.reference_id = ? and r.released = false
           returning r.id
         ),
         created as (
           insert into stock_reservations (id, tenant_id, created_at, product_id, location_id, quantity,
             reference_type, reference_id, expires_at, released, consumed)
           select ?, ?, now(), ?, ?, ?, 'SALE', ?, ?, false, false
           where not exists (select 1 from held) and exists (select 1 from level)
           returning id
         )
         select (select units from delta) as units, (select count(*) from level)::int as levels`,
        [
          tenantId,
          referenceId,
          productId,
          locationId,
          quantity,
          tenantId,
          productId,
          locationId,
          tenant.allowNegativeStock,
          expiresAt,
          quantity,
          quantity,
          quantity,
          tenantId,
          referenceId,
          randomUUID(),
          tenantId,
          productId,
          locationId,
          quantity,
          referenceId,
          expiresAt,
        ],
      );
      if (Number(result.units) !== 0 && !result.levels) await this.adjustReservation(tx, input);
    });
  }

  /**
   * Turns the reference's live reservations into OUT movements (one per
   * product and location), consuming cost layers per the tenant's costing
   * method, and returns the exact cost per product (sorted by product id).
   * Without `expected` only live reservations are consumed; with it, exactly
   * the expected units (a checkout whose reservations may have expired).
   */
  async consume(ctx: TenantContext, input: ConsumeInput): Promise<ConsumedLine[]> {
    return inTransaction(ctx, async (tx) => {
      const tenant = await this.tenant(tx);
      const keys: Array<StockKey & { quantity?: number }> = input.expected
        ? [...input.expected].sort((a, b) => compare(a.productId, b.productId) || compare(a.locationId, b.locationId))
        : await this.liveKeys(tx, input.referenceId);
      // One statement per step for all the keys: the level rows are shared by every register.
      const levels = await this.lockLevels(tx, keys);
      const claimed = await this.claimAll(tx, input.referenceId, keys);
      const takes: Array<StockKey & { quantity: number; claimed: number }> = [];
      for (const key of keys) {
        const held = claimed.get(keyOf(key)) ?? 0;
        const quantity = key.quantity ?? held;
        if (!quantity) continue;
        if (quantity > held) await this.requireAvailable(tx, tenant, key, levels.get(keyOf(key)), quantity - held);
        takes.push({ productId: key.productId, locationId: key.locationId, quantity, claimed: held });
      }
      if (takes.length) {
        await tx.em.execute(
          `update stock_levels l set on_hand = l.on_hand - c.quantity, reserved = l.reserved - c.claimed, updated_at = now()
           from unnest(?::uuid[], ?::uuid[], ?::int[], ?::int[]) as c (product_id, location_id, quantity, claimed)
           where l.tenant_id = ? and l.product_id = c.product_id and l.location_id = c.location_id`,
          [
            pgArray(takes.map((t) => t.productId)),
            pgArray(takes.map((t) => t.locationId)),
            pgArray(takes.map((t) => t.quantity)),
            pgArray(takes.map((t) => t.claimed)),
            tx.tenantId,
          ],
        );
      }
      const costs = await this.valuation.consumeMany(tx, takes, tenant.costingMethod, async (key) =>
        this.fallbackUnitCost(tx, await this.products.get(tx, key.productId), key),
      );
      const byProduct = new Map<string, ConsumedLine>();
      takes.forEach((take, i) => {
        const cost = costs[i];
        this.record(
          tx,
          take,
          -take.quantity,
          {
            type: StockMovementType.OUT,
            referenceType: input.referenceType,
            referenceId: input.referenceId,
            actorId: input.actorId,
          },
          cost.unitCost,
          cost.costAmount,
        );
        const line = byProduct.get(take.productId) ?? {
          productId: take.productId,
          quantity: 0,
          costAmount: new Dec(0),
          unitCost: new Dec(0),
        };
        line.quantity += take.quantity;
        line.costAmount = line.costAmount.plus(cost.costAmount);
        line.unitCost = line.costAmount.div(line.quantity).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
        byProduct.set(take.productId, line);
      });
      await tx.em.flush();
      return [...byProduct.values()];
    });
  }

  /** Puts units back (refund, void): an IN movement and a new cost layer at `unitCost`. */
  async restock(ctx: TenantContext, input: RestockInput): Promise<void> {
    await this.restockAll(ctx, [input]);
  }

  /**
   * `restock` for several lines in one transaction: the products and
   * locations are checked with one query each, the level rows are locked in
   * product order, and everything is flushed once.
   */
  async restockAll(ctx: TenantContext, inputs: readonly RestockInput[]): Promise<void> {
    if (!inputs.length) return;
    for (const input of inputs) {
      positiveQuantity(input.quantity);
      nonNegativeCost('unitCost', input.unitCost);
    }
    const ordered = [...inputs].sort(
      (a, b) => compare(a.productId, b.productId) || compare(a.locationId, b.locationId),
    );
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
        .map((line, i) => ({ line, i }))
        .sort((a, b) => compare(a.line.productId, b.line.productId));
      const movements: StockMovement[] = [];
      for (const { line, i } of order) {
        movements[i] = await this.putIn(
          tx,
          { productId: line.productId, locationId: input.locationId },
          line.quantity,
          line.unitCost,
          {
            type: StockMovementType.IN,
            referenceType: StockReferenceType.RECEIPT,
            referenceId: input.reference,
            actorId: actorId(tx.actor),
          },
        );
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
      const tenant = await this.tenant(tx);
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
        const level = await this.lockLevel(tx, input, true);
        const removing = -input.quantity;
        if (level.onHand < removing && !tenant.allowNegativeStock) {
          throw insufficient(input, level.onHand, `only ${level.onHand} on hand`);
        }
        await this.changeLevel(tx, input, input.quantity, 0);
        result = (await this.takeOut(tx, tenant, input, removing, movement)).movement;
      }
      await tx.em.flush();
      await emitStockAdjusted(tx, result);
      return result;
    });
  }

  /**
   * For the job runner: releases every live reservation that expired at or
   * before `now`, across all tenants, one product and location per
   * transaction (same locks as above). Returns how many reservations it released.
   */
  async releaseExpiredReservations(em: EntityManager, now: Date): Promise<number> {
    const keys = await em.execute<Array<{ tenant_id: string; product_id: string; location_id: string }>>(
      `select distinct tenant_id, product_id, location_id from stock_reservations
       where released = false and expires_at <= ? order by product_id, location_id, tenant_id`,
      [now],
    );
    let released = 0;
    for (const key of keys) {
      released += await em.transactional(async (tx) => {
        const params = [key.tenant_id, key.product_id, key.location_id];
        await tx.execute(
          'select 1 from stock_levels where tenant_id = ? and product_id = ? and location_id = ? for update',
          params,
        );
        const rows = await tx.execute<Array<{ quantity: number }>>(
          `update stock_reservations set released = true, released_at = ?
           where tenant_id = ? and product_id = ? and location_id = ? and released = false and expires_at <= ?
           returning quantity`,
          [now, ...params, now],
        );
        const quantity = rows.reduce((n, r) => n + Number(r.quantity), 0);
        if (quantity) {
          await tx.execute(
            'update stock_levels set reserved = reserved - ?, updated_at = now() where tenant_id = ? and product_id = ? and location_id = ?',
            [quantity, ...params],
          );
        }
        return rows.length;
      });
    }
    return released;
  }

  // --- under the level lock -------------------------------------------------

  /** Adds units with a cost layer and an IN/ADJUSTMENT movement; the layer skips units that refill negative stock. */
  private async putIn(
    tx: TenantContext,
    key: StockKey,
    quantity: number,
    unitCost: Decimal,
    movement: MovementFields,
  ): Promise<StockMovement> {
    await this.lockLevel(tx, key, true);
    const after = await this.changeLevel(tx, key, quantity, 0);
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

  /** Consumes layers for units already taken off onHand and records the movement with their cost. */
  private async takeOut(tx: TenantContext, tenant: Tenant, key: StockKey, quantity: number, movement: MovementFields) {
    const consumption = await this.valuation.consume(tx, key, quantity, tenant.costingMethod, async () =>
      this.fallbackUnitCost(tx, await this.products.get(tx, key.productId), key),
    );
    const row = this.record(tx, key, -quantity, movement, consumption.unitCost, consumption.costAmount);
    return { movement: row, costAmount: consumption.costAmount };
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

  /**
   * Locks the product's level row at the location. With `create`, a missing
   * row is inserted first (the caller has checked product and location).
   */
  private async lockLevel(tx: TenantContext, key: StockKey, create: true): Promise<Level>;
  private async lockLevel(tx: TenantContext, key: StockKey, create: boolean): Promise<Level | undefined>;
  private async lockLevel(tx: TenantContext, key: StockKey, create: boolean): Promise<Level | undefined> {
    const select = () =>
      tx.em.execute<Array<{ on_hand: number; reserved: number }>>(
        'select on_hand, reserved from stock_levels where tenant_id = ? and product_id = ? and location_id = ? for update',
        [tx.tenantId, key.productId, key.locationId],
      );
    let [row] = await select();
    if (!row && create) {
      await tx.em.execute(
        `insert into stock_levels (id, tenant_id, created_at, product_id, location_id, on_hand, reserved, updated_at)
         values (?, ?, now(), ?, ?, 0, 0, now()) on conflict do nothing`,
        [randomUUID(), tx.tenantId, key.productId, key.locationId],
      );
      [row] = await select();
    }
    return row ? { onHand: Number(row.on_hand), reserved: Number(row.reserved) } : undefined;
  }

  private async changeLevel(tx: TenantContext, key: StockKey, onHand: number, reserved: number): Promise<Level> {
    const [row] = await tx.em.execute<Array<{ on_hand: number; reserved: number }>>(
      `update stock_levels set on_hand = on_hand + ?, reserved = reserved + ?, updated_at = now()
       where tenant_id = ? and product_id = ? and location_id = ? returning on_hand, reserved`,
      [onHand, reserved, tx.tenantId, key.productId, key.locationId],
    );
    return { onHand: Number(row.on_hand), reserved: Number(row.reserved) };
  }

  /**
   * Throws INSUFFICIENT_STOCK unless `more` units are available (or the tenant
   * allows negative stock). Creates the level row if it is missing and allowed.
   */
  private async requireAvailable(
    tx: TenantContext,
    tenant: Tenant,
    key: StockKey,
    level: Level | undefined,
    more: number,
  ): Promise<void> {
    if (!level) {
      await this.products.get(tx, key.productId);
      await this.locations.get(tx, key.locationId);
      if (!tenant.allowNegativeStock) throw insufficient(key, 0, 'none in stock');
      await this.lockLevel(tx, key, true);
      return;
    }
    const available = level.onHand - level.reserved;
    if (available < more && !tenant.allowNegativeStock)
      throw insufficient(key, available, `only ${Math.max(available, 0)} available`);
  }

  /** A new live reservation (flushed by the caller), under the level lock. */
  private newReservation(
    tx: TenantContext,
    key: StockKey,
    fields: Pick<ReserveInput, 'quantity' | 'referenceType' | 'referenceId' | 'expiresAt'>,
  ): StockReservation {
    return tx.em.create(StockReservation, {
      id: randomUUID(),
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      productId: key.productId,
      locationId: key.locationId,
      ...fields,
      released: false,
      consumed: false,
      createdAt: new Date(),
    });
  }

  /** The product's and location's live reservation for the reference, read fresh (the level lock is held). */
  private liveReservation(tx: TenantContext, key: StockKey, referenceId: string): Promise<StockReservation | null> {
    return tx.em.findOne(
      StockReservation,
      { tenant: tx.tenantId, productId: key.productId, locationId: key.locationId, referenceId, released: false },
      { refresh: true },
    );
  }

  /** (product, location) pairs with live reservations of the reference, in lock order. */
  private async liveKeys(tx: TenantContext, referenceId: string, productId?: string): Promise<StockKey[]> {
    const rows = await tx.em.execute<Array<{ product_id: string; location_id: string }>>(
      `select distinct product_id, location_id from stock_reservations
       where tenant_id = ? and reference_id = ? and released = false ${productId ? 'and product_id = ?' : ''}
       order by product_id, location_id`,
      [tx.tenantId, referenceId, ...(productId ? [productId] : [])],
    );
    return rows.map((r) => ({ productId: r.product_id, locationId: r.location_id }));
  }

  /** Locks the keys' level rows in lock order, in one statement; keys without a row are absent. */
  private async lockLevels(tx: TenantContext, keys: readonly StockKey[]): Promise<Map<string, Level>> {
    if (!keys.length) return new Map();
    const rows = await tx.em.execute<
      Array<{ product_id: string; location_id: string; on_hand: number; reserved: number }>
    >(
      `select l.product_id, l.location_id, l.on_hand, l.reserved from stock_levels l
       join unnest(?::uuid[], ?::uuid[]) as k (product_id, location_id)
         on l.product_id = k.product_id and l.location_id = k.location_id
       where l.tenant_id = ? order by l.product_id, l.location_id for update of l`,
      [pgArray(keys.map((k) => k.productId)), pgArray(keys.map((k) => k.locationId)), tx.tenantId],
    );
    return new Map(
      rows.map((r) => [
        keyOf({ productId: r.product_id, locationId: r.location_id }),
        { onHand: Number(r.on_hand), reserved: Number(r.reserved) },
      ]),
    );
  }

  /** Marks the reference's live reservations of the keys consumed; returns their units per key. */
  private async claimAll(
    tx: TenantContext,
    referenceId: string,
    keys: readonly StockKey[],
  ): Promise<Map<string, number>> {
    const claimed = new Map<string, number>();
    if (!keys.length) return claimed;
    const rows = await tx.em.execute<Array<{ product_id: string; location_id: string; quantity: number }>>(
      `update stock_reservations r set released = true, consumed = true, released_at = now()
       from unnest(?::uuid[], ?::uuid[]) as k (product_id, location_id)
       where r.tenant_id = ? and r.reference_id = ? and r.released = false
         and r.product_id = k.product_id and r.location_id = k.location_id
       returning r.product_id, r.location_id, r.quantity`,
      [pgArray(keys.map((k) => k.productId)), pgArray(keys.map((k) => k.locationId)), tx.tenantId, referenceId],
    );
    for (const r of rows) {
      const key = keyOf({ productId: r.product_id, locationId: r.location_id });
      claimed.set(key, (claimed.get(key) ?? 0) + Number(r.quantity));
    }
    return claimed;
  }

  /** Marks the live reservations of the reference for the key released (or consumed); returns their units. */
  private async claimReservations(
    tx: TenantContext,
    key: StockKey,
    referenceId: string,
    consumed: boolean,
  ): Promise<number> {
    const rows = await tx.em.execute<Array<{ quantity: number }>>(
      `update stock_reservations set released = true, consumed = ?, released_at = now()
       where tenant_id = ? and reference_id = ? and product_id = ? and location_id = ? and released = false
       returning quantity`,
      [consumed, tx.tenantId, referenceId, key.productId, key.locationId],
    );
    return rows.reduce((n, r) => n + Number(r.quantity), 0);
  }

  /** Cost for units no layer covers: the product's cost price, else the last layer's unit cost, else 0. */
  private async fallbackUnitCost(tx: TenantContext, product: Product, key: StockKey): Promise<Decimal> {
    if (product.costPrice.gt(0)) return product.costPrice;
    return (await this.valuation.lastUnitCost(tx, key)) ?? new Dec(0);
  }

  private tenant(tx: TenantContext): Promise<Tenant> {
    return tx.em.findOneOrFail(Tenant, { id: tx.tenantId });
  }
}

interface MovementFields {
  type: StockMovementType;
  referenceType: StockReferenceType;
  referenceId?: string | null;
  actorId?: string | null;
  reason?: string | null;
}

function insufficient(key: StockKey, available: number, detail: string): DomainError {
  return new DomainError('INSUFFICIENT_STOCK', `Insufficient stock: ${detail}`, {
    ...key,
    available: Math.max(available, 0),
  });
}

function positiveQuantity(quantity: number, field = 'quantity'): void {
  if (!Number.isInteger(quantity) || quantity <= 0 || quantity > MAX_QUANTITY) {
    throw badInput(field, `must be a whole number from 1 to ${MAX_QUANTITY}`);
  }
}

function assertReservable(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY) {
    throw badInput('quantity', `must be a whole number from 0 to ${MAX_QUANTITY}`);
  }
}

function nonNegativeCost(field: string, value: Decimal): void {
  if (!Decimal.isDecimal(value) || value.isNegative() || value.isNaN()) throw badInput(field, 'must be 0 or more');
}

function validDate(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, 'must be a valid date');
}

const keyOf = (key: StockKey) => `${key.productId}:${key.locationId}`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
