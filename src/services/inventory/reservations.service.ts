import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';
import { StockReservation, Tenant } from '../../entities';
import { inTransaction } from '../core/transaction';
import { currentTenant } from '../tenancy/current-tenant';
import { assertReservable, StockLevels, validDate } from './stock-levels';
import {
  expiredReservationKeys,
  extendReservationRows,
  liveReservationKeys,
  releaseExpiredRows,
  releaseReservationRows,
  setReservationRow,
  StockKey,
  updateLevel,
  selectLevel,
  selectLevelForUpdate,
} from './stock.sql';

export interface AdjustReservationInput extends StockKey {
  referenceId: string;
  /** The quantity the reference should hold from now on; 0 releases. */
  quantity: number;
  /** A new reservation's expiry; default: the tenant's cart expiry from now. */
  expiresAt?: Date;
}

/** A live reservation as read under its row lock. */
export interface LiveReservation extends StockKey {
  id: string;
  quantity: number;
}

/**
 * Units a cart holds: reservations raise a level's `reserved` (never
 * `onHand`), only under the level row lock (stock-levels.ts), and the
 * reference (a sale) holds at most one live reservation per product and
 * location. Consuming them at checkout is the ledger's (stock-ledger.service.ts).
 */
export class ReservationService {
  constructor(private readonly levels: StockLevels) {}

  /**
   * Sets how many units of the product the reference holds (0 releases). A
   * new reservation expires after the tenant's cart expiry. Growing it beyond
   * what is available is INSUFFICIENT_STOCK unless the tenant allows negative stock.
   */
  async adjustReservation(ctx: TenantContext, input: AdjustReservationInput): Promise<void> {
    assertReservable(input.quantity);
    await inTransaction(ctx, async (tx) => {
      const level = await this.levels.lock(tx, input, false);
      const live = await this.liveReservation(tx, input, input.referenceId);
      const delta = input.quantity - (live?.quantity ?? 0);
      if (delta === 0) return;
      if (delta > 0)
        await this.levels.requireAvailable(tx, (await currentTenant(tx)).allowNegativeStock, input, level, delta);
      await this.levels.change(tx, input, 0, delta);
      if (live) {
        live.quantity = input.quantity;
        if (input.quantity === 0) Object.assign(live, { released: true, releasedAt: new Date() });
      } else {
        const tenant = await currentTenant(tx);
        tx.em.create(StockReservation, {
          id: randomUUID(),
          tenant: tx.em.getReference(Tenant, tx.tenantId),
          productId: input.productId,
          locationId: input.locationId,
          quantity: delta,
          referenceType: 'SALE',
          referenceId: input.referenceId,
          expiresAt: input.expiresAt ?? new Date(Date.now() + tenant.cartExpiryMinutes * 60_000),
          released: false,
          consumed: false,
          createdAt: new Date(),
        });
      }
      await tx.em.flush();
    });
  }

  /**
   * Fails as reserving `quantity` units would (INSUFFICIENT_STOCK), but holds
   * nothing and leaves the level row unlocked: for a cart completed in the
   * same transaction, whose completion takes the units under the row lock.
   * This read stops a sale that cannot complete before any card is charged
   * for it. (A product with no level row yet, where negative stock is
   * allowed, gets its row created and locked, as a reservation would.)
   */
  async assertAvailable(ctx: TenantContext, input: StockKey & { quantity: number }): Promise<void> {
    assertReservable(input.quantity);
    const level = await selectLevel(ctx.em, ctx.tenantId, input);
    await this.levels.requireAvailable(
      ctx,
      (await currentTenant(ctx)).allowNegativeStock,
      input,
      level,
      input.quantity,
    );
  }

  /** Releases every live reservation of the reference (or only the product's), giving the units back to available. */
  async release(ctx: TenantContext, input: { referenceId: string; productId?: string }): Promise<void> {
    await inTransaction(ctx, async (tx) => {
      for (const key of await liveReservationKeys(tx.em, tx.tenantId, input.referenceId, input.productId)) {
        await this.levels.lock(tx, key, false);
        const quantity = await releaseReservationRows(tx.em, tx.tenantId, input.referenceId, key, false);
        if (quantity) await this.levels.change(tx, key, 0, -quantity);
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
    return inTransaction(ctx, (tx) => extendReservationRows(tx.em, tx.tenantId, referenceId, expiresAt));
  }

  /**
   * For a cart edit, in ONE statement (stock.sql.ts, setReservationRow):
   * moves the expiry of all the reference's live reservations to `expiresAt`
   * (so the expiry job leaves them alone) and sets the product's to
   * `quantity`, changing the shared level row by one conditional update (it
   * stays locked only until commit: this is the edit's last statement). The
   * product's reservation row is locked first, so one the expiry job just
   * released is not counted as held. A missing level row or too little stock
   * goes through `adjustReservation` (its errors).
   */
  async setReservation(ctx: TenantContext, input: AdjustReservationInput & { expiresAt: Date }): Promise<void> {
    assertReservable(input.quantity);
    validDate('expiresAt', input.expiresAt);
    await inTransaction(ctx, async (tx) => {
      const tenant = await currentTenant(tx);
      const result = await setReservationRow(tx.em, tx.tenantId, {
        productId: input.productId,
        locationId: input.locationId,
        reference: input.referenceId,
        quantity: input.quantity,
        expiresAt: input.expiresAt,
        allowNegative: tenant.allowNegativeStock,
      });
      if (result.units !== 0 && !result.levels) await this.adjustReservation(tx, input);
    });
  }

  /**
   * For the job runner: releases every live reservation that expired at or
   * before `now`, across all tenants, one product and location per
   * transaction (same locks as above). Returns how many reservations it released.
   */
  async releaseExpiredReservations(em: EntityManager, now: Date): Promise<number> {
    let released = 0;
    for (const { tenantId, ...key } of await expiredReservationKeys(em, now)) {
      released += await em.transactional(async (tx) => {
        await selectLevelForUpdate(tx, tenantId, key);
        const quantities = await releaseExpiredRows(tx, tenantId, key, now);
        const quantity = quantities.reduce((n, q) => n + q, 0);
        if (quantity) await updateLevel(tx, tenantId, key, 0, -quantity);
        return quantities.length;
      });
    }
    return released;
  }

  /** The product's and location's live reservation for the reference, read fresh (the level lock is held). */
  private liveReservation(tx: TenantContext, key: StockKey, referenceId: string): Promise<StockReservation | null> {
    return tx.em.findOne(
      StockReservation,
      { tenant: tx.tenantId, productId: key.productId, locationId: key.locationId, referenceId, released: false },
      { refresh: true },
    );
  }
}
