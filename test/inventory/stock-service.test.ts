import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { StockReferenceType } from '../../src/entities/stock-enums';
import { DomainError } from '../../src/errors';
import { Dec } from '../../src/money/decimal';
import { inTransaction } from '../../src/services/core/transaction';
import { startTestApp, TestApp } from '../support/test-app';
import {
  createProduct,
  InventoryTenant,
  levelOf,
  movementSum,
  ownerContext,
  RECEIVE_STOCK,
  tenantWithLocation,
} from './inventory-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const stock = () => t.app.services.stock;
const reservations = () => t.app.services.reservations;
const inAnHour = () => new Date(Date.now() + 3_600_000);

async function receive(tenant: InventoryTenant, productId: string, quantity: number, unitCost: string) {
  await t.ok(
    RECEIVE_STOCK,
    { input: { locationId: tenant.locationId, lines: [{ productId, quantity, unitCost }] } },
    tenant.ownerToken,
  );
}

async function stocked(quantity: number, settings: Record<string, unknown> = {}) {
  const tenant = await tenantWithLocation(t, settings);
  const productId = await createProduct(t, tenant.ownerToken);
  if (quantity) await receive(tenant, productId, quantity, '1.00');
  return { tenant, productId, key: { productId, locationId: tenant.locationId } };
}

async function errorCode(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('consume', () => {
  it.each([
    ['FIFO', '25.20', '2.10'],
    ['LIFO', '30.00', '2.50'],
    ['AVERAGE', '27.60', '2.30'],
  ])(
    'docs/money.md Example 5 under %s: reserve 12 for a sale, consume, get the exact cost',
    async (costingMethod, cost, unit) => {
      const tenant = await tenantWithLocation(t, { costingMethod });
      const productId = await createProduct(t, tenant.ownerToken);
      await receive(tenant, productId, 10, '2.00');
      await receive(tenant, productId, 10, '2.60');
      const saleId = randomUUID();
      const ctx = ownerContext(t, tenant);
      const lines = await inTransaction(ctx, async (tx) => {
        await reservations().setReservation(tx, {
          productId,
          locationId: tenant.locationId,
          quantity: 12,
          referenceId: saleId,
          expiresAt: inAnHour(),
        });
        return stock().consume(tx, {
          referenceId: saleId,
          referenceType: StockReferenceType.SALE,
          actorId: tenant.ownerId,
        });
      });
      expect(lines.map((l) => [l.productId, l.quantity, l.costAmount.toFixed(2), l.unitCost.toFixed(2)])).toEqual([
        [productId, 12, cost, unit],
      ]);
      expect(await levelOf(t, productId, tenant.locationId)).toEqual({ onHand: 8, reserved: 0 });
      const [out] = await t.sql(
        'select type, quantity, reference_type, reference_id, cost_amount::text from stock_movements where reference_id = ?',
        [saleId],
      );
      expect(out).toEqual({
        type: 'OUT',
        quantity: -12,
        reference_type: 'SALE',
        reference_id: saleId,
        cost_amount: new Dec(cost).toFixed(4),
      });
      const [reservation] = await t.sql('select released, consumed from stock_reservations where reference_id = ?', [
        saleId,
      ]);
      expect(reservation).toEqual({ released: true, consumed: true });
      expect(await stock().consume(ctx, { referenceId: saleId, referenceType: StockReferenceType.SALE })).toEqual([]);
    },
  );

  it('consumes several products of one sale and rolls everything back with the caller', async () => {
    const { tenant, productId: p1 } = await stocked(5);
    const p2 = await createProduct(t, tenant.ownerToken);
    await receive(tenant, p2, 5, '3.00');
    const saleId = randomUUID();
    const ctx = ownerContext(t, tenant);
    for (const productId of [p2, p1]) {
      await reservations().setReservation(ctx, {
        productId,
        locationId: tenant.locationId,
        quantity: 2,
        referenceId: saleId,
        expiresAt: inAnHour(),
      });
    }
    await expect(
      inTransaction(ctx, async (tx) => {
        await stock().consume(tx, { referenceId: saleId, referenceType: StockReferenceType.SALE });
        throw new Error('payment failed after consume');
      }),
    ).rejects.toThrow('payment failed');
    expect(await levelOf(t, p1, tenant.locationId)).toEqual({ onHand: 5, reserved: 2 });
    const lines = await stock().consume(ownerContext(t, tenant), {
      referenceId: saleId,
      referenceType: StockReferenceType.SALE,
    });
    expect(lines.map((l) => [l.productId, l.costAmount.toFixed(2)])).toEqual(
      [
        [p1, '2.00'],
        [p2, '6.00'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  });

  it('restocks with an IN movement and a layer at the given cost', async () => {
    const { tenant, productId, key } = await stocked(0);
    await stock().restockAll(ownerContext(t, tenant), [
      {
        ...key,
        quantity: 3,
        unitCost: new Dec('2.1'),
        referenceType: StockReferenceType.REFUND,
        referenceId: 'R-1',
        reason: 'return',
      },
    ]);
    expect(await levelOf(t, productId, tenant.locationId)).toEqual({ onHand: 3, reserved: 0 });
    const [layer] = await t.sql(
      'select remaining, unit_cost::text, source from valuation_layers where product_id = ?',
      [productId],
    );
    expect(layer).toEqual({ remaining: 3, unit_cost: '2.1000', source: 'REFUND' });
    expect(
      await errorCode(
        stock().restockAll(ownerContext(t, tenant), [
          {
            ...key,
            quantity: 0,
            unitCost: new Dec(1),
            referenceType: StockReferenceType.REFUND,
          },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await errorCode(
        stock().restockAll(ownerContext(t, tenant), [
          {
            ...key,
            quantity: 1,
            unitCost: new Dec(-1),
            referenceType: StockReferenceType.REFUND,
          },
        ]),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('reservations', () => {
  it('lets exactly 10 of 20 concurrent one-unit cart reservations (setReservation) through 10 available', async () => {
    const { tenant, key } = await stocked(10);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        reservations().setReservation(ownerContext(t, tenant), {
          ...key,
          quantity: 1,
          referenceId: randomUUID(),
          expiresAt: inAnHour(),
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(failed.map((r) => (r.reason as DomainError).code)).toEqual(Array(10).fill('INSUFFICIENT_STOCK'));
    expect(await levelOf(t, key.productId, key.locationId)).toEqual({ onHand: 10, reserved: 10 });
    const [live] = await t.sql<{ n: string }>(
      'select count(*)::text as n from stock_reservations where product_id = ? and released = false',
      [key.productId],
    );
    expect(live.n).toBe('10');
  });

  it('sets the one live reservation of a reference, adjusts it, and releases it', async () => {
    const { tenant, key } = await stocked(10);
    const ctx = ownerContext(t, tenant);
    const ref = randomUUID();
    await reservations().setReservation(ctx, { ...key, quantity: 2, referenceId: ref, expiresAt: inAnHour() });
    await reservations().setReservation(ctx, { ...key, quantity: 5, referenceId: ref, expiresAt: inAnHour() });
    const held = await t.sql('select quantity, released from stock_reservations where reference_id = ?', [ref]);
    expect(held).toEqual([{ quantity: 5, released: false }]);
    expect(await levelOf(t, key.productId, key.locationId)).toEqual({ onHand: 10, reserved: 5 });
    await reservations().adjustReservation(ctx, { ...key, referenceId: ref, quantity: 8 });
    expect((await levelOf(t, key.productId, key.locationId)).reserved).toBe(8);
    expect(await errorCode(reservations().adjustReservation(ctx, { ...key, referenceId: ref, quantity: 11 }))).toBe(
      'INSUFFICIENT_STOCK',
    );
    await reservations().adjustReservation(ctx, { ...key, referenceId: ref, quantity: 1 });
    expect((await levelOf(t, key.productId, key.locationId)).reserved).toBe(1);
    await reservations().adjustReservation(ctx, { ...key, referenceId: ref, quantity: 0 });
    expect((await levelOf(t, key.productId, key.locationId)).reserved).toBe(0);
    await reservations().adjustReservation(ctx, { ...key, referenceId: ref, quantity: 4 });
    await reservations().release(ctx, { referenceId: ref });
    expect(await levelOf(t, key.productId, key.locationId)).toEqual({ onHand: 10, reserved: 0 });
    const rows = await t.sql(
      'select quantity, released from stock_reservations where reference_id = ? order by created_at',
      [ref],
    );
    expect(rows).toEqual([
      { quantity: 0, released: true },
      { quantity: 4, released: true },
    ]);
  });

  it('releases one product of a reference only when asked', async () => {
    const { tenant, key } = await stocked(5);
    const p2 = await createProduct(t, tenant.ownerToken);
    await receive(tenant, p2, 5, '1');
    const ctx = ownerContext(t, tenant);
    const ref = randomUUID();
    for (const productId of [key.productId, p2]) {
      await reservations().setReservation(ctx, {
        productId,
        locationId: key.locationId,
        quantity: 2,
        referenceId: ref,
        expiresAt: inAnHour(),
      });
    }
    await reservations().release(ctx, { referenceId: ref, productId: p2 });
    expect((await levelOf(t, key.productId, key.locationId)).reserved).toBe(2);
    expect((await levelOf(t, p2, key.locationId)).reserved).toBe(0);
  });

  it('refuses a reservation beyond available unless the tenant allows negative stock', async () => {
    const strict = await stocked(0);
    const ctx = ownerContext(t, strict.tenant);
    const reserve = (c: typeof ctx, key: typeof strict.key, quantity: number) =>
      reservations().setReservation(c, { ...key, quantity, referenceId: randomUUID(), expiresAt: inAnHour() });
    expect(await errorCode(reserve(ctx, strict.key, 1))).toBe('INSUFFICIENT_STOCK');
    expect(await errorCode(reserve(ctx, strict.key, -1))).toBe('BAD_USER_INPUT');
    expect(await errorCode(reserve(ctx, { ...strict.key, productId: randomUUID() }, 1))).toBe('NOT_FOUND');

    const loose = await stocked(1, { costingMethod: 'FIFO' });
    await t.ok(
      `mutation { updateTenantSettings(input: { allowNegativeStock: true }) { allowNegativeStock } }`,
      {},
      loose.tenant.ownerToken,
    );
    await reserve(ownerContext(t, loose.tenant), loose.key, 3);
    expect(await levelOf(t, loose.productId, loose.tenant.locationId)).toEqual({ onHand: 1, reserved: 3 });
    const fresh = await createProduct(t, loose.tenant.ownerToken);
    await reserve(ownerContext(t, loose.tenant), { productId: fresh, locationId: loose.tenant.locationId }, 2);
    expect(await levelOf(t, fresh, loose.tenant.locationId)).toEqual({ onHand: 0, reserved: 2 });
  });

  it('releases expired reservations (across tenants) and leaves live and extended ones', async () => {
    const a = await stocked(10);
    const b = await stocked(10);
    const now = new Date();
    const past = new Date(now.getTime() - 1000);
    const ctxA = ownerContext(t, a.tenant);
    const expiredA = randomUUID();
    const extended = randomUUID();
    const live = randomUUID();
    await reservations().setReservation(ctxA, {
      ...a.key,
      quantity: 2,
      referenceId: expiredA,
      expiresAt: past,
    });
    await reservations().setReservation(ctxA, {
      ...a.key,
      quantity: 3,
      referenceId: extended,
      expiresAt: past,
    });
    await reservations().extendReservations(ctxA, extended, inAnHour());
    await reservations().setReservation(ctxA, {
      ...a.key,
      quantity: 1,
      referenceId: live,
      expiresAt: inAnHour(),
    });
    await reservations().setReservation(ownerContext(t, b.tenant), {
      ...b.key,
      quantity: 4,
      referenceId: randomUUID(),
      expiresAt: past,
    });

    const released = await reservations().releaseExpiredReservations(t.app.services.orm.em.fork(), now);
    expect(released).toBe(2);
    expect(await levelOf(t, a.productId, a.tenant.locationId)).toEqual({ onHand: 10, reserved: 4 });
    expect(await levelOf(t, b.productId, b.tenant.locationId)).toEqual({ onHand: 10, reserved: 0 });
    expect(await reservations().releaseExpiredReservations(t.app.services.orm.em.fork(), now)).toBe(0);
    const lines = await stock().consume(ctxA, { referenceId: expiredA, referenceType: StockReferenceType.SALE });
    expect(lines).toEqual([]);
  });
});

describe('the ledger invariant', () => {
  it('keeps onHand equal to the sum of movements, and layers equal to max(onHand, 0), after any sequence', async () => {
    const { tenant, key } = await stocked(0, { costingMethod: 'AVERAGE' });
    await t.ok(
      `mutation { updateTenantSettings(input: { allowNegativeStock: true }) { allowNegativeStock } }`,
      {},
      tenant.ownerToken,
    );
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('receive' as const),
        quantity: fc.integer({ min: 1, max: 20 }),
        cents: fc.integer({ min: 0, max: 999 }),
      }),
      fc.record({
        kind: fc.constant('adjust' as const),
        quantity: fc.integer({ min: -15, max: 15 }).filter((n) => n !== 0),
      }),
      fc.record({ kind: fc.constant('sell' as const), quantity: fc.integer({ min: 1, max: 10 }) }),
      fc.record({ kind: fc.constant('reserve-release' as const), quantity: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('restock' as const), quantity: fc.integer({ min: 1, max: 5 }) }),
    );
    const ops = fc.sample(fc.array(op, { minLength: 25, maxLength: 25 }), { numRuns: 1, seed: 20261124 })[0];
    const ctx = () => ownerContext(t, tenant);
    for (const o of ops) {
      if (o.kind === 'receive') {
        await stock().receive(ctx(), {
          locationId: key.locationId,
          lines: [{ productId: key.productId, quantity: o.quantity, unitCost: new Dec(o.cents).div(100) }],
        });
      } else if (o.kind === 'adjust') {
        await stock().adjust(ctx(), { ...key, quantity: o.quantity, reason: 'count' });
      } else if (o.kind === 'restock') {
        await stock().restockAll(ctx(), [
          {
            ...key,
            quantity: o.quantity,
            unitCost: new Dec('1.25'),
            referenceType: StockReferenceType.VOID,
          },
        ]);
      } else {
        const ref = randomUUID();
        await reservations().setReservation(ctx(), {
          ...key,
          quantity: o.quantity,
          referenceId: ref,
          expiresAt: inAnHour(),
        });
        if (o.kind === 'sell')
          await stock().consume(ctx(), { referenceId: ref, referenceType: StockReferenceType.SALE });
        else await reservations().release(ctx(), { referenceId: ref });
      }
      const level = await levelOf(t, key.productId, key.locationId);
      expect(level.reserved).toBe(0);
      expect(level.onHand).toBe(await movementSum(t, key.productId, key.locationId));
      const [layers] = await t.sql<{ n: string }>(
        'select coalesce(sum(remaining), 0)::text as n from valuation_layers where product_id = ?',
        [key.productId],
      );
      expect(Number(layers.n)).toBe(Math.max(level.onHand, 0));
    }
    const [{ n }] = await t.sql<{ n: string }>('select count(*)::text as n from stock_movements where product_id = ?', [
      key.productId,
    ]);
    expect(Number(n)).toBe(ops.filter((o) => o.kind !== 'reserve-release').length);
  });
});
