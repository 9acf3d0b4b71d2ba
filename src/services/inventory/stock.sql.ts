import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { pgArray, query } from '../core/sql';

/** Every statement stock_levels and stock_reservations see (valuation_layers: valuation.service.ts). */

export interface StockKey {
  productId: string;
  locationId: string;
}

export interface Level {
  onHand: number;
  reserved: number;
}

type LevelRow = { on_hand: number; reserved: number };
type KeyRow = { product_id: string; location_id: string };

const toLevel = (row: LevelRow): Level => ({ onHand: Number(row.on_hand), reserved: Number(row.reserved) });
const toKey = (row: KeyRow): StockKey => ({ productId: row.product_id, locationId: row.location_id });
const keyArrays = (keys: readonly StockKey[]) => ({
  products: pgArray(keys.map((k) => k.productId)),
  locations: pgArray(keys.map((k) => k.locationId)),
});

async function selectLevelRow(em: EntityManager, tenant: string, key: StockKey, lock: '' | 'for update') {
  const [row] = await query<LevelRow>(
    em,
    `select on_hand, reserved from stock_levels
     where tenant_id = :tenant and product_id = :product and location_id = :location ${lock}`,
    { tenant, product: key.productId, location: key.locationId },
  );
  return row ? toLevel(row) : undefined;
}

/** The level row as committed, without a lock (a check the caller repeats under the lock later). */
export function selectLevel(em: EntityManager, tenant: string, key: StockKey): Promise<Level | undefined> {
  return selectLevelRow(em, tenant, key, '');
}

export function selectLevelForUpdate(em: EntityManager, tenant: string, key: StockKey): Promise<Level | undefined> {
  return selectLevelRow(em, tenant, key, 'for update');
}

export async function insertLevel(em: EntityManager, tenant: string, key: StockKey): Promise<void> {
  await query(
    em,
    `insert into stock_levels (id, tenant_id, created_at, product_id, location_id, on_hand, reserved, updated_at)
     values (:id, :tenant, now(), :product, :location, 0, 0, now()) on conflict do nothing`,
    { id: randomUUID(), tenant, product: key.productId, location: key.locationId },
  );
}

export async function updateLevel(
  em: EntityManager,
  tenant: string,
  key: StockKey,
  onHand: number,
  reserved: number,
): Promise<Level> {
  const [row] = await query<LevelRow>(
    em,
    `update stock_levels set on_hand = on_hand + :onHand, reserved = reserved + :reserved, updated_at = now()
     where tenant_id = :tenant and product_id = :product and location_id = :location returning on_hand, reserved`,
    { onHand, reserved, tenant, product: key.productId, location: key.locationId },
  );
  return toLevel(row);
}

/** Locks the keys' level rows in lock order, in one statement; keys without a row are absent. */
export async function selectLevelsForUpdate(
  em: EntityManager,
  tenant: string,
  keys: readonly StockKey[],
): Promise<Array<StockKey & Level>> {
  const rows = await query<KeyRow & LevelRow>(
    em,
    `select l.product_id, l.location_id, l.on_hand, l.reserved from stock_levels l
     join unnest(:products::uuid[], :locations::uuid[]) as k (product_id, location_id)
       on l.product_id = k.product_id and l.location_id = k.location_id
     where l.tenant_id = :tenant order by l.product_id, l.location_id for update of l`,
    { ...keyArrays(keys), tenant },
  );
  return rows.map((r) => ({ ...toKey(r), ...toLevel(r) }));
}

/** Takes sold units off on hand and their claimed reservations off reserved, for several keys at once. */
export async function takeFromLevels(
  em: EntityManager,
  tenant: string,
  takes: ReadonlyArray<StockKey & { quantity: number; claimed: number }>,
): Promise<void> {
  await query(
    em,
    `update stock_levels l set on_hand = l.on_hand - c.quantity, reserved = l.reserved - c.claimed, updated_at = now()
     from unnest(:products::uuid[], :locations::uuid[], :quantities::int[], :claimed::int[])
       as c (product_id, location_id, quantity, claimed)
     where l.tenant_id = :tenant and l.product_id = c.product_id and l.location_id = c.location_id`,
    {
      ...keyArrays(takes),
      quantities: pgArray(takes.map((t) => t.quantity)),
      claimed: pgArray(takes.map((t) => t.claimed)),
      tenant,
    },
  );
}

/** (product, location) pairs with live reservations of the reference, in lock order. */
export async function liveReservationKeys(
  em: EntityManager,
  tenant: string,
  reference: string,
  product?: string,
): Promise<StockKey[]> {
  const rows = await query<KeyRow>(
    em,
    `select distinct product_id, location_id from stock_reservations
     where tenant_id = :tenant and reference_id = :reference and released = false
       and (:product::uuid is null or product_id = :product::uuid)
     order by product_id, location_id`,
    { tenant, reference, product: product ?? null },
  );
  return rows.map(toKey);
}

/**
 * Moves the expiry of the reference's live reservations and returns them:
 * their rows stay locked by this update until the transaction ends.
 */
export async function extendReservationRows(
  em: EntityManager,
  tenant: string,
  reference: string,
  expiresAt: Date,
): Promise<Array<StockKey & { id: string; quantity: number }>> {
  const rows = await query<KeyRow & { id: string; quantity: number }>(
    em,
    `update stock_reservations set expires_at = :expiresAt
     where tenant_id = :tenant and reference_id = :reference and released = false
     returning id, product_id, location_id, quantity`,
    { expiresAt, tenant, reference },
  );
  return rows.map((r) => ({ id: r.id, ...toKey(r), quantity: Number(r.quantity) }));
}

/** Marks the reference's live reservations of the key released (or consumed); returns their units. */
export async function releaseReservationRows(
  em: EntityManager,
  tenant: string,
  reference: string,
  key: StockKey,
  consumed: boolean,
): Promise<number> {
  const rows = await query<{ quantity: number }>(
    em,
    `update stock_reservations set released = true, consumed = :consumed, released_at = now()
     where tenant_id = :tenant and reference_id = :reference and product_id = :product and location_id = :location
       and released = false
     returning quantity`,
    { consumed, tenant, reference, product: key.productId, location: key.locationId },
  );
  return rows.reduce((n, r) => n + Number(r.quantity), 0);
}

/** Marks each reference's live reservations of its keys consumed; returns their rows. */
export async function consumeReservationRows(
  em: EntityManager,
  tenant: string,
  keys: ReadonlyArray<StockKey & { referenceId: string }>,
): Promise<Array<StockKey & { referenceId: string; quantity: number }>> {
  const rows = await query<KeyRow & { reference_id: string; quantity: number }>(
    em,
    `update stock_reservations r set released = true, consumed = true, released_at = now()
     from unnest(:references::text[], :products::uuid[], :locations::uuid[]) as k (reference_id, product_id, location_id)
     where r.tenant_id = :tenant and r.reference_id = k.reference_id and r.released = false
       and r.product_id = k.product_id and r.location_id = k.location_id
     returning r.reference_id, r.product_id, r.location_id, r.quantity`,
    { ...keyArrays(keys), references: pgArray(keys.map((k) => k.referenceId)), tenant },
  );
  return rows.map((r) => ({ ...toKey(r), referenceId: r.reference_id, quantity: Number(r.quantity) }));
}

export interface SetReservation extends StockKey {
  reference: string;
  quantity: number;
  expiresAt: Date;
  allowNegative: boolean;
}

/**
 * The cart edit's single statement (reservations.service.ts, setReservation):
 * locks the product's live reservation, changes the level by the difference
 * when stock allows, moves every live reservation's expiry and sets (or
 * creates) the product's. `units` is the difference, `levels` 0 when the level
 * row was missing or short.
 */
export async function setReservationRow(
  em: EntityManager,
  tenant: string,
  input: SetReservation,
): Promise<{ units: number; levels: number }> {
  const [result] = await query<{ units: number; levels: number }>(
    em,
    `with held as (
       select id, quantity from stock_reservations
       where tenant_id = :tenant and reference_id = :reference and product_id = :product and location_id = :location
         and released = false
       order by created_at, id limit 1
       for update
     ),
     delta as (select :quantity::int - coalesce((select quantity from held), 0) as units),
     level as (
       update stock_levels l set reserved = l.reserved + d.units, updated_at = now()
       from delta d
       where d.units <> 0 and l.tenant_id = :tenant and l.product_id = :product and l.location_id = :location
         and (d.units < 0 or :allowNegative::boolean or l.on_hand - l.reserved >= d.units)
       returning l.id
     ),
     extended as (
       update stock_reservations r
       set expires_at = :expiresAt,
           quantity = case when r.id = h.id and h.level_changed then :quantity::int else r.quantity end,
           released = (r.id = h.id and h.level_changed and :quantity::int = 0) is true,
           released_at = case when r.id = h.id and h.level_changed and :quantity::int = 0 then now() else r.released_at end
       from (select (select id from held) as id, exists (select 1 from level) as level_changed) h
       where r.tenant_id = :tenant and r.reference_id = :reference and r.released = false
       returning r.id
     ),
     created as (
       insert into stock_reservations (id, tenant_id, created_at, product_id, location_id, quantity,
         reference_type, reference_id, expires_at, released, consumed)
       select :id, :tenant, now(), :product, :location, :quantity, 'SALE', :reference, :expiresAt, false, false
       where not exists (select 1 from held) and exists (select 1 from level)
       returning id
     )
     select (select units from delta) as units, (select count(*) from level)::int as levels`,
    {
      id: randomUUID(),
      tenant,
      reference: input.reference,
      product: input.productId,
      location: input.locationId,
      quantity: input.quantity,
      expiresAt: input.expiresAt,
      allowNegative: input.allowNegative,
    },
  );
  return { units: Number(result.units), levels: Number(result.levels) };
}

/** Keys with reservations expired at `now`, across tenants (the expiry job's own statement). */
export async function expiredReservationKeys(
  em: EntityManager,
  now: Date,
): Promise<Array<StockKey & { tenantId: string }>> {
  const rows = await query<KeyRow & { tenant_id: string }>(
    em,
    `select distinct tenant_id, product_id, location_id from stock_reservations
     where released = false and expires_at <= :now order by product_id, location_id, tenant_id`,
    { now },
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, ...toKey(r) }));
}

/** Releases the key's reservations expired at `now`; returns their quantities. */
export async function releaseExpiredRows(
  em: EntityManager,
  tenant: string,
  key: StockKey,
  now: Date,
): Promise<number[]> {
  const rows = await query<{ quantity: number }>(
    em,
    `update stock_reservations set released = true, released_at = :now
     where tenant_id = :tenant and product_id = :product and location_id = :location and released = false
       and expires_at <= :now
     returning quantity`,
    { now, tenant, product: key.productId, location: key.locationId },
  );
  return rows.map((r) => Number(r.quantity));
}
