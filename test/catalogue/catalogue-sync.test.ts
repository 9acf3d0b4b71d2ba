import { Client } from 'pg';
import { compactCatalogueChanges } from '../../src/jobs/compact-catalogue-changes.job';
import { registerTenant, userWithRole } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

export const CATALOGUE_CHANGES = /* GraphQL */ `
  query CatalogueChanges($after: String, $first: Int) {
    catalogueChanges(after: $after, first: $first) {
      products {
        id
        sku
        name
        price
        barcode
        isActive
      }
      removedProductIds
      cursor
      hasMore
    }
  }
`;

export const UPSERT_PRODUCTS = /* GraphQL */ `
  mutation UpsertProducts($input: UpsertProductsInput!) {
    upsertProducts(input: $input) {
      created
      updated
      productIds
    }
  }
`;

/** catalogueChanges and upsertProducts through GraphQL (docs/offline.md, Catalogue sync). */
describe('catalogue sync', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const changes = async (token: string, after: string | null, first?: number) =>
    (await t.ok(CATALOGUE_CHANGES, { after, first }, token)).catalogueChanges;

  /** A register's full or delta sync: pages until hasMore is false; returns the products by sku and the cursor. */
  async function sync(token: string, after: string | null, seen = new Map<string, any>()) {
    let cursor = after;
    for (;;) {
      const page = await changes(token, cursor, 2);
      for (const p of page.products) seen.set(p.sku, p);
      for (const id of page.removedProductIds) for (const [sku, p] of seen) if (p.id === id) seen.delete(sku);
      cursor = page.cursor;
      if (!page.hasMore) return { seen, cursor };
    }
  }

  it('upsertProducts creates and updates by sku; a register pages every change and removal after its cursor', async () => {
    const tenant = await registerTenant(t);
    const token = tenant.ownerToken;
    const first = await t.ok(
      UPSERT_PRODUCTS,
      {
        input: {
          products: [
            { sku: 'A', name: 'Apple', price: '1.00', barcode: '111' },
            { sku: 'B', name: 'Bread', price: '2.00' },
            { sku: 'C', name: 'Cheese', price: '3.00' },
          ],
        },
      },
      token,
    );
    expect(first.upsertProducts).toMatchObject({ created: 3, updated: 0 });
    const full = await sync(token, null);
    expect([...full.seen.keys()].sort()).toEqual(['A', 'B', 'C']);

    const second = await t.ok(
      UPSERT_PRODUCTS,
      {
        input: {
          products: [
            { sku: 'D', name: 'Dates', price: '4.00' },
            { sku: 'A', name: 'Apple', price: '1.10' },
          ],
        },
      },
      token,
    );
    expect(second.upsertProducts).toMatchObject({ created: 1, updated: 1 });
    expect(second.upsertProducts.productIds[1]).toBe(first.upsertProducts.productIds[0]);
    await t.sql('delete from products where id = ?', [first.upsertProducts.productIds[2]]);

    const delta = await sync(token, full.cursor, full.seen);
    expect([...delta.seen.keys()].sort()).toEqual(['A', 'B', 'D']);
    expect(delta.seen.get('A')).toMatchObject({ price: '1.10', barcode: '111' }); // absent barcode kept
    const idle = await changes(token, delta.cursor);
    expect(idle).toEqual({ products: [], removedProductIds: [], cursor: delta.cursor, hasMore: false });
  });

  it('compaction keeps one row per product and every cursor still sees what it saw before', async () => {
    const tenant = await registerTenant(t);
    const token = tenant.ownerToken;
    const upsert = (products: Array<Record<string, string>>) => t.ok(UPSERT_PRODUCTS, { input: { products } }, token);
    const created = await upsert([
      { sku: 'P', name: 'Pen', price: '1.00' },
      { sku: 'Q', name: 'Quill', price: '2.00' },
      { sku: 'R', name: 'Ruler', price: '3.00' },
    ]);
    const early = await sync(token, null);
    for (const price of ['1.10', '1.20', '1.30']) await upsert([{ sku: 'P', name: 'Pen', price }]);
    const middle = await sync(token, early.cursor, new Map(early.seen));
    await upsert([{ sku: 'Q', name: 'Quill', price: '2.50' }]);
    await t.sql('delete from products where id = ?', [created.upsertProducts.productIds[2]]);
    const [{ id: tenantId }] = await t.sql('select id from tenants where slug = ?', [tenant.slug]);
    const rowsOf = () =>
      t.sql<{ n: number }>('select count(*)::int as n from product_changes where tenant_id = ?', [tenantId]);

    const before = await Promise.all([null, early.cursor, middle.cursor].map((c) => sync(token, c)));
    expect((await rowsOf())[0].n).toBe(8);
    // Every tenant's log: the earlier tests' tenants have superseded rows too.
    expect(await compactCatalogueChanges(t.app.services)).toBeGreaterThanOrEqual(5);
    expect((await rowsOf())[0].n).toBe(3);
    const after = await Promise.all([null, early.cursor, middle.cursor].map((c) => sync(token, c)));
    expect(after.map((a) => Object.fromEntries(a.seen))).toEqual(before.map((b) => Object.fromEntries(b.seen)));
    expect(Object.fromEntries([...after[1].seen].map(([sku, p]) => [sku, p.price]))).toEqual({ P: '1.30', Q: '2.50' });
    // The removal stays: a register from before it still drops R.
    const fromEarly = await sync(token, early.cursor, new Map(early.seen));
    expect([...fromEarly.seen.keys()].sort()).toEqual(['P', 'Q']);
    expect(await compactCatalogueChanges(t.app.services)).toBe(0);
  });

  it('a change committed after a later one is never missed (a timestamp cursor would miss it)', async () => {
    const tenant = await registerTenant(t);
    const token = tenant.ownerToken;
    const created = await t.ok(
      UPSERT_PRODUCTS,
      {
        input: {
          products: [
            { sku: 'SLOW', name: 'Slow', price: '1.00' },
            { sku: 'FAST', name: 'Fast', price: '1.00' },
          ],
        },
      },
      token,
    );
    const [slowId] = created.upsertProducts.productIds;
    const start = await sync(token, null);
    const [{ at }] = await t.sql<{ at: string }>(
      'select max(updated_at)::text as at from products where tenant_id = (select id from tenants where slug = ?)',
      [tenant.slug],
    );

    // Writer 1 starts first (its updated_at will be its start, now()); writer 2 changes FAST and commits;
    // a register syncs; only then writer 1 changes SLOW and commits.
    const slow = new Client({ connectionString: t.databaseUrl });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query('select now()');
      await t.ok(UPSERT_PRODUCTS, { input: { products: [{ sku: 'FAST', name: 'Fast', price: '2.00' }] } }, token);

      const during = await sync(token, start.cursor, new Map(start.seen));
      expect(during.seen.get('FAST').price).toBe('2.00');
      // A timestamp cursor taken now stands at FAST's change, past the time SLOW's change will carry.
      const [{ stamp }] = await t.sql<{ stamp: string }>(
        'select max(updated_at)::text as stamp from products where tenant_id = (select id from tenants where slug = ?)',
        [tenant.slug],
      );
      expect(new Date(stamp).getTime()).toBeGreaterThan(new Date(at).getTime());
      await slow.query(`update products set price = 7.77, updated_at = now() where id = $1`, [slowId]);
      await slow.query('commit');

      const after = await sync(token, during.cursor, during.seen);
      expect(after.seen.get('SLOW').price).toBe('7.77');
      expect(after.seen.get('FAST').price).toBe('2.00');
      const byTimestamp = await t.sql<{ sku: string }>(
        'select sku from products where tenant_id = (select id from tenants where slug = ?) and updated_at > ?::timestamptz',
        [tenant.slug, stamp],
      );
      expect(byTimestamp).toEqual([]); // what a timestamp cursor would have returned: SLOW's change lost
    } finally {
      await slow.end();
    }
  });

  it('bounds, permissions and tenants: 1,000 a call, one sku once, writers only, each tenant its own feed', async () => {
    const tenant = await registerTenant(t);
    const other = await registerTenant(t);
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    const many = Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, name: `P${i}`, price: '1.00' }));
    const tooMany = await t.gql(UPSERT_PRODUCTS, { input: { products: many } }, tenant.ownerToken);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const twice = await t.gql(
      UPSERT_PRODUCTS,
      {
        input: {
          products: [
            { sku: 'X', name: 'x', price: '1' },
            { sku: 'X', name: 'y', price: '2' },
          ],
        },
      },
      tenant.ownerToken,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'products.1.sku' });
    const byCashier = await t.gql(UPSERT_PRODUCTS, { input: { products: many.slice(0, 1) } }, cashier.token);
    expect(byCashier.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await t.ok(UPSERT_PRODUCTS, { input: { products: many.slice(0, 1000) } }, tenant.ownerToken);
    expect((await changes(cashier.token, null, 5000)).products).toHaveLength(1000);
    expect(await changes(other.ownerToken, null)).toMatchObject({ products: [], hasMore: false });
    const bigPage = await t.gql(CATALOGUE_CHANGES, { first: 5001 }, cashier.token);
    expect(bigPage.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql(CATALOGUE_CHANGES, { after: "1'; drop table products" }, cashier.token);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await t.gql(CATALOGUE_CHANGES, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("sends each product's fields exactly as the product query shows them, cost price only with the permission", async () => {
    const tenant = await registerTenant(t);
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    const fields = 'id sku barcode name category price costPrice taxRate attributes isActive';
    await t.ok(
      UPSERT_PRODUCTS,
      {
        input: {
          products: [
            { sku: 'F1', name: 'Full', price: '12.5', barcode: '4006381333931', category: 'Deli' },
            { sku: 'F2', name: 'Bare', price: '3' },
          ],
        },
      },
      tenant.ownerToken,
    );
    await t.ok(
      UPSERT_PRODUCTS,
      {
        input: {
          products: [
            {
              sku: 'F1',
              name: 'Full',
              price: '12.5',
              costPrice: '7.1234',
              taxRate: '0.0825',
              attributes: { size: 'L', tags: ['a'] },
              isActive: false,
            },
          ],
        },
      },
      tenant.ownerToken,
    );
    for (const token of [tenant.ownerToken, cashier.token]) {
      const page = (await t.ok(`query { catalogueChanges(first: 10) { products { ${fields} } } }`, {}, token))
        .catalogueChanges;
      const direct = await Promise.all(
        page.products.map(
          async (p: { id: string }) =>
            (await t.ok(`query($id: ID!) { product(id: $id) { ${fields} } }`, { id: p.id }, token)).product,
        ),
      );
      expect(page.products).toEqual(direct);
    }
    const owners = (
      await t.ok(`query { catalogueChanges { products { sku price costPrice taxRate } } }`, {}, tenant.ownerToken)
    ).catalogueChanges.products;
    expect(owners[0]).toEqual({ sku: 'F1', price: '12.50', costPrice: '7.1234', taxRate: '0.0825' });
    const cashiers = (await t.ok(`query { catalogueChanges { products { sku costPrice } } }`, {}, cashier.token))
      .catalogueChanges.products;
    expect(cashiers[0]).toEqual({ sku: 'F1', costPrice: null });
  });
});
