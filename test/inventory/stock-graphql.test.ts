import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { userWithRole } from '../support/fixtures';
import { ADJUST, createProduct, levelOf, RECEIVE_STOCK, STOCK_LEVELS, tenantWithLocation } from './inventory-fixtures';

const MOVEMENTS = /* GraphQL */ `
  query Movements($filter: StockMovementFilterInput, $first: Int, $after: String) {
    stockMovements(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          productId
          type
          quantity
          referenceType
          referenceId
          costAmount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`;
const PRODUCT_PAGE = /* GraphQL */ `
  query Page($first: Int, $locationId: ID) {
    products(first: $first) {
      edges {
        node {
          id
          stockLevels(locationId: $locationId) {
            onHand
            available
          }
        }
      }
    }
  }
`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function count(table: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`select count(*)::text as n from ${table}`);
  return Number(row.n);
}

describe('receiveStock and adjustStock', () => {
  it.each([
    ['FIFO', '25.20', '2.10'],
    ['LIFO', '30.00', '2.50'],
    ['AVERAGE', '27.60', '2.30'],
  ])(
    'docs/money.md Example 5 under %s: receive 10 @ 2.00 and 10 @ 2.60, take out 12',
    async (costingMethod, cost, unit) => {
      const tenant = await tenantWithLocation(t, { costingMethod });
      const productId = await createProduct(t, tenant.ownerToken);
      const receive = (unitCost: string) =>
        t.ok(
          RECEIVE_STOCK,
          {
            input: { locationId: tenant.locationId, reference: 'PO-1', lines: [{ productId, quantity: 10, unitCost }] },
          },
          tenant.ownerToken,
        );
      await receive('2.00');
      await receive('2.60');
      const { adjustStock } = await t.ok(
        ADJUST,
        { input: { locationId: tenant.locationId, productId, quantity: -12, reason: 'sold offline' } },
        tenant.ownerToken,
      );
      expect(adjustStock).toMatchObject({
        type: 'ADJUSTMENT',
        quantity: -12,
        costAmount: cost,
        unitCost: unit,
        referenceType: 'ADJUSTMENT',
      });
      const levels = await t.ok(
        STOCK_LEVELS,
        { locationId: tenant.locationId, productIds: [productId] },
        tenant.ownerToken,
      );
      expect(levels.stockLevels).toEqual([
        { productId, locationId: tenant.locationId, onHand: 8, reserved: 0, available: 8 },
      ]);
    },
  );

  it('receives several lines, one IN movement and one cost layer each', async () => {
    const tenant = await tenantWithLocation(t);
    const p1 = await createProduct(t, tenant.ownerToken);
    const p2 = await createProduct(t, tenant.ownerToken);
    const { receiveStock } = await t.ok(
      RECEIVE_STOCK,
      {
        input: {
          locationId: tenant.locationId,
          reference: 'DN-77',
          lines: [
            { productId: p1, quantity: 3, unitCost: '1.5' },
            { productId: p2, quantity: 4, unitCost: 0 },
          ],
        },
      },
      tenant.ownerToken,
    );
    expect(
      receiveStock.map((m: any) => [
        m.productId,
        m.type,
        m.quantity,
        m.referenceType,
        m.referenceId,
        m.costAmount,
        m.actorId,
      ]),
    ).toEqual([
      [p1, 'IN', 3, 'RECEIPT', 'DN-77', '4.50', tenant.ownerId],
      [p2, 'IN', 4, 'RECEIPT', 'DN-77', '0.00', tenant.ownerId],
    ]);
    const layers = await t.sql(
      'select product_id, quantity, remaining, unit_cost::text from valuation_layers where tenant_id = ? order by quantity',
      [tenant.tenantId],
    );
    expect(layers).toEqual([
      { product_id: p1, quantity: 3, remaining: 3, unit_cost: '1.5000' },
      { product_id: p2, quantity: 4, remaining: 4, unit_cost: '0.0000' },
    ]);
  });

  it('rejects bad input with a clear error and writes nothing', async () => {
    const tenant = await tenantWithLocation(t);
    const other = await tenantWithLocation(t);
    const productId = await createProduct(t, tenant.ownerToken);
    const foreignProduct = await createProduct(t, other.ownerToken);
    const line = { productId, quantity: 1, unitCost: '1.00' };
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ locationId: tenant.locationId, lines: [{ ...line, quantity: 0 }] }, 'BAD_USER_INPUT', 'lines.0.quantity'],
      [
        { locationId: tenant.locationId, lines: [line, { ...line, quantity: -5 }] },
        'BAD_USER_INPUT',
        'lines.1.quantity',
      ],
      [
        { locationId: tenant.locationId, lines: [{ ...line, unitCost: '-0.01' }] },
        'BAD_USER_INPUT',
        'lines.0.unitCost',
      ],
      [{ locationId: tenant.locationId, lines: [] }, 'BAD_USER_INPUT', 'lines'],
      [{ locationId: other.locationId, lines: [line] }, 'NOT_FOUND', undefined],
      [{ locationId: '00000000-0000-4000-8000-000000000000', lines: [line] }, 'NOT_FOUND', undefined],
      [
        { locationId: tenant.locationId, lines: [line, { ...line, productId: foreignProduct }] },
        'NOT_FOUND',
        undefined,
      ],
    ];
    const tables = ['stock_movements', 'valuation_layers', 'stock_levels'];
    const before = await Promise.all(tables.map(count));
    for (const [input, code, field] of cases) {
      const res = await t.gql(RECEIVE_STOCK, { input }, tenant.ownerToken);
      expect([JSON.stringify(input), codeOf(res)]).toEqual([JSON.stringify(input), code]);
      if (field) expect(res.errors![0].extensions!.field).toBe(field);
    }
    const adjustZero = await t.gql(
      ADJUST,
      { input: { locationId: tenant.locationId, productId, quantity: 0, reason: 'x' } },
      tenant.ownerToken,
    );
    expect(codeOf(adjustZero)).toBe('BAD_USER_INPUT');
    const adjustForeign = await t.gql(
      ADJUST,
      { input: { locationId: tenant.locationId, productId: foreignProduct, quantity: 1, reason: 'x' } },
      tenant.ownerToken,
    );
    expect(codeOf(adjustForeign)).toBe('NOT_FOUND');
    const tooMany = await t.gql(
      ADJUST,
      { input: { locationId: tenant.locationId, productId, quantity: -1, reason: 'lost' } },
      tenant.ownerToken,
    );
    expect(codeOf(tooMany)).toBe('INSUFFICIENT_STOCK');
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('lets a tenant that allows negative stock go below zero, costing the excess at the cost price', async () => {
    const tenant = await tenantWithLocation(t);
    await t.ok(
      `mutation { updateTenantSettings(input: { allowNegativeStock: true }) { allowNegativeStock } }`,
      {},
      tenant.ownerToken,
    );
    const productId = await createProduct(t, tenant.ownerToken, { costPrice: '3.00' });
    await t.ok(
      RECEIVE_STOCK,
      { input: { locationId: tenant.locationId, lines: [{ productId, quantity: 2, unitCost: '1.00' }] } },
      tenant.ownerToken,
    );
    const { adjustStock } = await t.ok(
      ADJUST,
      { input: { locationId: tenant.locationId, productId, quantity: -5, reason: 'shrinkage' } },
      tenant.ownerToken,
    );
    expect(adjustStock.costAmount).toBe('11.00'); // 2 x 1.00 + 3 x 3.00
    expect(await levelOf(t, productId, tenant.locationId)).toEqual({ onHand: -3, reserved: 0 });
    await t.ok(
      RECEIVE_STOCK,
      { input: { locationId: tenant.locationId, lines: [{ productId, quantity: 10, unitCost: '2.00' }] } },
      tenant.ownerToken,
    );
    const [layer] = await t.sql('select remaining from valuation_layers where product_id = ? and quantity = 10', [
      productId,
    ]);
    expect(layer.remaining).toBe(7); // the 3 missing units were already costed
  });

  it('is forbidden to a cashier, who may still read levels', async () => {
    const tenant = await tenantWithLocation(t);
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    const productId = await createProduct(t, tenant.ownerToken);
    const res = await t.gql(
      RECEIVE_STOCK,
      { input: { locationId: tenant.locationId, lines: [{ productId, quantity: 1, unitCost: '1' }] } },
      cashier.token,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    const levels = await t.ok(STOCK_LEVELS, { locationId: tenant.locationId, productIds: [productId] }, cashier.token);
    expect(levels.stockLevels[0]).toMatchObject({ onHand: 0, available: 0 });
  });
});

describe('stockLevels and stockMovements', () => {
  it('hides another tenant: its location is NOT_FOUND and its products are left out', async () => {
    const a = await tenantWithLocation(t);
    const b = await tenantWithLocation(t);
    const foreign = await createProduct(t, b.ownerToken);
    await t.ok(
      RECEIVE_STOCK,
      { input: { locationId: b.locationId, lines: [{ productId: foreign, quantity: 5, unitCost: '1' }] } },
      b.ownerToken,
    );
    expect(codeOf(await t.gql(STOCK_LEVELS, { locationId: b.locationId }, a.ownerToken))).toBe('NOT_FOUND');
    expect(
      (await t.ok(STOCK_LEVELS, { locationId: a.locationId, productIds: [foreign] }, a.ownerToken)).stockLevels,
    ).toEqual([]);
    expect((await t.ok(MOVEMENTS, {}, a.ownerToken)).stockMovements.totalCount).toBe(0);
    expect((await t.ok(MOVEMENTS, { filter: { productId: foreign } }, a.ownerToken)).stockMovements.totalCount).toBe(0);
  });

  it('filters movements and pages newest first', async () => {
    const tenant = await tenantWithLocation(t);
    const p1 = await createProduct(t, tenant.ownerToken);
    const p2 = await createProduct(t, tenant.ownerToken);
    for (let i = 1; i <= 3; i++) {
      await t.ok(
        RECEIVE_STOCK,
        {
          input: {
            locationId: tenant.locationId,
            reference: `R${i}`,
            lines: [{ productId: p1, quantity: i, unitCost: '1' }],
          },
        },
        tenant.ownerToken,
      );
    }
    await t.ok(
      RECEIVE_STOCK,
      { input: { locationId: tenant.locationId, lines: [{ productId: p2, quantity: 9, unitCost: '1' }] } },
      tenant.ownerToken,
    );
    await t.ok(
      ADJUST,
      { input: { locationId: tenant.locationId, productId: p1, quantity: -1, reason: 'broken' } },
      tenant.ownerToken,
    );

    const all = (await t.ok(MOVEMENTS, { first: 2 }, tenant.ownerToken)).stockMovements;
    expect(all.totalCount).toBe(5);
    expect(all.edges.map((e: any) => e.node.quantity)).toEqual([-1, 9]);
    const next = (await t.ok(MOVEMENTS, { first: 2, after: all.pageInfo.endCursor }, tenant.ownerToken)).stockMovements;
    expect(next.edges.map((e: any) => e.node.referenceId)).toEqual(['R3', 'R2']);
    const p1In = (await t.ok(MOVEMENTS, { filter: { productId: p1, type: 'IN' } }, tenant.ownerToken)).stockMovements;
    expect(p1In.edges.map((e: any) => e.node.quantity)).toEqual([3, 2, 1]);
    const byRef = (
      await t.ok(MOVEMENTS, { filter: { referenceType: 'RECEIPT', referenceId: 'R2' } }, tenant.ownerToken)
    ).stockMovements;
    expect(byRef.totalCount).toBe(1);
    const future = (
      await t.ok(MOVEMENTS, { filter: { from: new Date(Date.now() + 60_000).toISOString() } }, tenant.ownerToken)
    ).stockMovements;
    expect(future.totalCount).toBe(0);
    const all4 = (await t.ok(STOCK_LEVELS, { locationId: tenant.locationId }, tenant.ownerToken)).stockLevels;
    expect(all4.map((l: any) => l.onHand).sort()).toEqual([5, 9]);
  });

  it('loads stock levels for a page of products in a constant number of statements', async () => {
    const tenant = await tenantWithLocation(t);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push(await createProduct(t, tenant.ownerToken, { name: `P${String(i).padStart(2, '0')}` }));
    await t.ok(
      RECEIVE_STOCK,
      {
        input: {
          locationId: tenant.locationId,
          lines: ids.map((productId, i) => ({ productId, quantity: i + 1, unitCost: '1' })),
        },
      },
      tenant.ownerToken,
    );

    const counts: number[] = [];
    for (const first of [10, 50]) {
      for (const locationId of [tenant.locationId, undefined]) {
        let data: any;
        const { count: n } = await t.countQueries(async () => {
          data = await t.ok(PRODUCT_PAGE, { first, locationId }, tenant.ownerToken);
        });
        expect(data.products.edges).toHaveLength(first);
        for (const edge of data.products.edges) {
          const i = ids.indexOf(edge.node.id);
          expect(edge.node.stockLevels).toEqual([{ onHand: i + 1, available: i + 1 }]);
        }
        counts.push(n);
      }
    }
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
    expect(new Set(counts).size).toBe(1);
  });
});
