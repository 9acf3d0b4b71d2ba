import Decimal from 'decimal.js';
import { TenantContext } from '../../context';
import { badInput, DomainError } from '../../errors';
import { LocationService } from '../catalog/location.service';
import { ProductService } from '../catalog/product.service';
import { insertLevel, Level, selectLevelForUpdate, selectLevelsForUpdate, StockKey, updateLevel } from './stock.sql';

export const MAX_QUANTITY = 1_000_000;

/**
 * The stock_levels row of a product at a location is the lock every stock
 * change takes first (SELECT ... FOR UPDATE); several rows are locked in
 * (productId, locationId) order, so concurrent sales cannot deadlock.
 */
export class StockLevels {
  constructor(
    private readonly products: ProductService,
    private readonly locations: LocationService,
  ) {}

  /** Locks the level row; with `create`, a missing row is inserted first (the caller has checked product and location). */
  async lock(tx: TenantContext, key: StockKey, create: true): Promise<Level>;
  async lock(tx: TenantContext, key: StockKey, create: boolean): Promise<Level | undefined>;
  async lock(tx: TenantContext, key: StockKey, create: boolean): Promise<Level | undefined> {
    const level = await selectLevelForUpdate(tx.em, tx.tenantId, key);
    if (level || !create) return level;
    await insertLevel(tx.em, tx.tenantId, key);
    return selectLevelForUpdate(tx.em, tx.tenantId, key);
  }

  /** Locks the keys' rows in one statement; keys without a row are absent from the map. */
  async lockMany(tx: TenantContext, keys: readonly StockKey[]): Promise<Map<string, Level>> {
    if (!keys.length) return new Map();
    const rows = await selectLevelsForUpdate(tx.em, tx.tenantId, keys);
    return new Map(rows.map((r) => [keyOf(r), { onHand: r.onHand, reserved: r.reserved }]));
  }

  change(tx: TenantContext, key: StockKey, onHand: number, reserved: number): Promise<Level> {
    return updateLevel(tx.em, tx.tenantId, key, onHand, reserved);
  }

  /**
   * Throws INSUFFICIENT_STOCK unless `more` units are available (or negative
   * stock is allowed: the tenant's setting, or an offline sale's goods that
   * are already gone). Creates the level row if it is missing and allowed.
   */
  async requireAvailable(
    tx: TenantContext,
    allowNegative: boolean,
    key: StockKey,
    level: Level | undefined,
    more: number,
  ): Promise<void> {
    if (!level) {
      await this.products.get(tx, key.productId);
      await this.locations.get(tx, key.locationId);
      if (!allowNegative) throw insufficient(key, 0, 'none in stock');
      await this.lock(tx, key, true);
      return;
    }
    const available = level.onHand - level.reserved;
    if (available < more && !allowNegative)
      throw insufficient(key, available, `only ${Math.max(available, 0)} available`);
  }
}

export function insufficient(key: StockKey, available: number, detail: string): DomainError {
  return new DomainError('INSUFFICIENT_STOCK', `Insufficient stock: ${detail}`, {
    ...key,
    available: Math.max(available, 0),
  });
}

export function positiveQuantity(quantity: number, field = 'quantity'): void {
  if (!Number.isInteger(quantity) || quantity <= 0 || quantity > MAX_QUANTITY) {
    throw badInput(field, `must be a whole number from 1 to ${MAX_QUANTITY}`);
  }
}

export function assertReservable(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY) {
    throw badInput('quantity', `must be a whole number from 0 to ${MAX_QUANTITY}`);
  }
}

export function nonNegativeCost(field: string, value: Decimal): void {
  if (!Decimal.isDecimal(value) || value.isNegative() || value.isNaN()) throw badInput(field, 'must be 0 or more');
}

export function validDate(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, 'must be a valid date');
}

export const keyOf = (key: StockKey) => `${key.productId}:${key.locationId}`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lock order: by product, then location. */
export const byKey = (a: StockKey, b: StockKey) =>
  compare(a.productId, b.productId) || compare(a.locationId, b.locationId);
