import { randomUUID } from 'node:crypto';
import { addRegister, PosFixture, Register, setupPos, stockOf } from '../support/pos-fixtures';
import { CREATE_LOCATION, RECEIVE_STOCK } from '../support/operations';
import { startTestApp, TestApp } from '../support/test-app';
import { cashSale, CREATE_REFUND } from '../checkout/checkout-support';

describe('returns: a refund restocks where it is processed', () => {
  let t: TestApp;
  let fx: PosFixture;
  let otherLocationId: string;
  let other: Register;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'MUG', price: '8.00', stock: 0 }] });
    await t.ok(
      RECEIVE_STOCK,
      {
        input: { locationId: fx.locationId, lines: [{ productId: fx.products.MUG.id, quantity: 5, unitCost: '2.35' }] },
      },
      fx.ownerToken,
    );
    const location = await t.ok(CREATE_LOCATION, { input: { name: 'Mall kiosk', code: 'MALL' } }, fx.ownerToken);
    otherLocationId = location.createLocation.id;
    other = await addRegister(t, fx.ownerToken, otherLocationId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a sale of location A refunded at a register of location B puts the units into B at the cost the sale recorded', async () => {
    const sale = await cashSale(t, fx, { MUG: 2 });
    const [line] = await t.sql(`select unit_cost::text as unit_cost from sale_items where id = ?`, [sale.items[0].id]);
    expect(line.unit_cost).toBe('2.3500');
    const atA = await stockOf(t, fx.ownerToken, fx.locationId, fx.products.MUG.id);

    const res = await t.gql(
      CREATE_REFUND,
      {
        input: {
          saleId: sale.id,
          items: [{ saleItemId: sale.items[0].id, quantity: 1 }],
          method: 'CASH',
          sessionId: other.sessionId,
          reason: 'returned at the mall',
          idempotencyKey: randomUUID(),
        },
      },
      fx.cashier.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createRefund.amount).toBe('8.00');

    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.MUG.id)).toEqual(atA);
    expect((await stockOf(t, fx.ownerToken, otherLocationId, fx.products.MUG.id)).onHand).toBe(1);
    const layers = await t.sql(
      `select quantity, remaining, unit_cost::text as unit_cost, source from valuation_layers
       where product_id = ? and location_id = ?`,
      [fx.products.MUG.id, otherLocationId],
    );
    expect(layers).toEqual([{ quantity: 1, remaining: 1, unit_cost: '2.3500', source: 'REFUND' }]);
    const movements = await t.sql(
      `select type, quantity, unit_cost::text as unit_cost from stock_movements where reference_id = ?`,
      [res.data!.createRefund.id],
    );
    expect(movements).toEqual([{ type: 'IN', quantity: 1, unit_cost: '2.3500' }]);
  });
});
