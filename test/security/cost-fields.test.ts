import { cashSale } from '../checkout/checkout-support';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { manager } from './security-support';

const PRODUCT = `query($id: ID!) { product(id: $id) { id price costPrice } }`;
const SALE_COSTS = `query($id: ID!) { sale(id: $id) { items { unitCost costAmount } } }`;
const MOVEMENTS = `query($filter: StockMovementFilterInput) { stockMovements(filter: $filter, first: 5) { edges { node { unitCost costAmount } } } }`;

describe('cost fields need inventory:cost:read (OWNER, MANAGER)', () => {
  let t: TestApp;
  let fx: PosFixture;
  let saleId: string;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'MUG', price: '12.00' }] });
    saleId = (await cashSale(t, fx, { MUG: 1 })).id;
    tokens = { OWNER: fx.ownerToken, MANAGER: (await manager(t, fx.tenant)).token, CASHIER: fx.cashier.token };
  });
  afterAll(() => t.close());

  it.each(['OWNER', 'MANAGER'])('%s reads costs', async (role) => {
    const product = await t.ok(PRODUCT, { id: fx.products.MUG.id }, tokens[role]);
    expect(product.product.costPrice).not.toBeNull();
    expect((await t.ok(SALE_COSTS, { id: saleId }, tokens[role])).sale.items).toEqual([
      { unitCost: '1.00', costAmount: '1.00' },
    ]);
    const moves = await t.ok(MOVEMENTS, { filter: { productId: fx.products.MUG.id } }, tokens[role]);
    expect(moves.stockMovements.edges.map((e: any) => e.node.unitCost)).toContain('1.00');
  });

  it('a CASHIER reads the same objects with every cost field null', async () => {
    const product = await t.ok(PRODUCT, { id: fx.products.MUG.id }, tokens.CASHIER);
    expect(product.product).toEqual({ id: fx.products.MUG.id, price: '12.00', costPrice: null });
    expect((await t.ok(SALE_COSTS, { id: saleId }, tokens.CASHIER)).sale.items).toEqual([
      { unitCost: null, costAmount: null },
    ]);
    const moves = await t.ok(MOVEMENTS, { filter: { productId: fx.products.MUG.id } }, tokens.CASHIER);
    expect(moves.stockMovements.edges.length).toBeGreaterThan(0);
    expect(moves.stockMovements.edges.every((e: any) => e.node.unitCost === null && e.node.costAmount === null)).toBe(
      true,
    );
  });

  it('margin reports stay forbidden to a CASHIER', async () => {
    const res = await t.gql(
      `{ profitMargin(from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z") { margin } }`,
      {},
      tokens.CASHIER,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});
