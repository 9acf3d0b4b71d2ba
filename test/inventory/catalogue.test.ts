import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { registerTenant, userWithRole } from '../support/fixtures';
import { CREATE_CUSTOMER, PRODUCT_FIELDS } from '../support/operations';
import { CREATE_LOCATION, CREATE_PRODUCT, createProduct, tenantWithLocation } from './inventory-fixtures';

const UPDATE_PRODUCT = /* GraphQL */ `
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;
const PRODUCT = /* GraphQL */ `
  query Product($id: ID!) {
    product(id: $id) {
      id
      sku
      name
    }
  }
`;
const UPSERT_PRODUCTS = /* GraphQL */ `
  mutation UpsertSearchableProducts($input: UpsertProductsInput!) {
    upsertProducts(input: $input) {
      created
    }
  }
`;
const PRODUCTS = /* GraphQL */ `
  query Products($search: String, $barcode: String, $sku: String, $first: Int, $after: String) {
    products(search: $search, barcode: $barcode, sku: $sku, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          sku
          name
          barcode
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
const LOCATIONS = /* GraphQL */ `
  query Locations {
    locations {
      id
      code
      name
      timezone
    }
  }
`;
const CUSTOMER = /* GraphQL */ `
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      name
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

describe('locations', () => {
  it('creates locations with a code unique per tenant and lists them by code', async () => {
    const a = await registerTenant(t, { timezone: 'Europe/Berlin' });
    const b = await registerTenant(t);
    const created = await t.ok(CREATE_LOCATION, { input: { name: 'Back store', code: 'ws-1' } }, a.ownerToken);
    expect(created.createLocation).toMatchObject({ code: 'WS-1', timezone: 'Europe/Berlin', isActive: true });
    await t.ok(CREATE_LOCATION, { input: { name: 'Front', code: 'A1', timezone: 'America/New_York' } }, a.ownerToken);
    const before = await count('locations');
    const dup = await t.gql(CREATE_LOCATION, { input: { name: 'Again', code: 'WS-1' } }, a.ownerToken);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('code');
    expect(await count('locations')).toBe(before);
    await t.ok(CREATE_LOCATION, { input: { name: 'Other tenant', code: 'WS-1' } }, b.ownerToken);
    const list = await t.ok(LOCATIONS, {}, a.ownerToken);
    expect(list.locations.map((l: { code: string }) => l.code)).toEqual(['A1', 'WS-1']);
  });

  it('rejects a bad time zone and a cashier creating a location', async () => {
    const a = await registerTenant(t);
    const bad = await t.gql(
      CREATE_LOCATION,
      { input: { name: 'X', code: 'X', timezone: 'Nowhere/Land' } },
      a.ownerToken,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('timezone');
    const cashier = await userWithRole(t, a, 'CASHIER');
    expect(codeOf(await t.gql(CREATE_LOCATION, { input: { name: 'X', code: 'X' } }, cashier.token))).toBe('FORBIDDEN');
    expect((await t.ok(LOCATIONS, {}, cashier.token)).locations).toEqual([]);
  });
});

describe('products', () => {
  it('creates a product with exact decimals and JSON attributes', async () => {
    const a = await registerTenant(t);
    const data = await t.ok(
      CREATE_PRODUCT,
      {
        input: {
          sku: 'TSHIRT-M',
          name: 'T-shirt',
          price: '19.99',
          barcode: '4006381333931',
          taxRate: '0.0825',
          category: 'Apparel',
          costPrice: '7.125',
          attributes: { Color: 'Red', Size: 'M' },
        },
      },
      a.ownerToken,
    );
    expect(data.createProduct).toMatchObject({
      sku: 'TSHIRT-M',
      barcode: '4006381333931',
      price: '19.99',
      costPrice: '7.125',
      taxRate: '0.0825',
      attributes: { Color: 'Red', Size: 'M' },
      isActive: true,
    });
    const [row] = await t.sql('select price::text, tax_rate::text from products where id = ?', [data.createProduct.id]);
    expect(row).toEqual({ price: '19.9900', tax_rate: '0.0825' });
  });

  it('refuses a duplicate sku or barcode within a tenant, writing nothing, and allows them across tenants', async () => {
    const a = await registerTenant(t);
    const b = await registerTenant(t);
    await createProduct(t, a.ownerToken, { sku: 'DUP', barcode: '111' });
    const before = await count('products');
    const sku = await t.gql(CREATE_PRODUCT, { input: { sku: 'DUP', name: 'x', price: '1' } }, a.ownerToken);
    expect(codeOf(sku)).toBe('BAD_USER_INPUT');
    expect(sku.errors![0].extensions!.field).toBe('sku');
    const barcode = await t.gql(
      CREATE_PRODUCT,
      { input: { sku: 'OTHER', name: 'x', price: '1', barcode: '111' } },
      a.ownerToken,
    );
    expect(codeOf(barcode)).toBe('BAD_USER_INPUT');
    expect(barcode.errors![0].extensions!.field).toBe('barcode');
    expect(await count('products')).toBe(before);
    await createProduct(t, b.ownerToken, { sku: 'DUP', barcode: '111' });
    expect(await count('products')).toBe(before + 1);
  });

  it.each([
    ['a negative price', { price: '-1' }, 'price'],
    ['a tax rate above 1', { taxRate: '8.25' }, 'taxRate'],
    ['an empty sku', { sku: '' }, 'sku'],
    ['a non-object attributes', { attributes: 'red' }, 'attributes'],
  ])('rejects %s', async (_label, override, field) => {
    const a = await registerTenant(t);
    const res = await t.gql(CREATE_PRODUCT, { input: { sku: 'S', name: 'N', price: '1', ...override } }, a.ownerToken);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe(field);
  });

  it('updates only the given fields, clears with null, and refuses a sku taken by another product', async () => {
    const a = await registerTenant(t);
    const id = await createProduct(t, a.ownerToken, { sku: 'A', barcode: '42', category: 'C', price: '5' });
    await createProduct(t, a.ownerToken, { sku: 'B' });
    const res = await t.ok(
      UPDATE_PRODUCT,
      { id, input: { name: 'Renamed', barcode: null, price: '6.50', isActive: false } },
      a.ownerToken,
    );
    expect(res.updateProduct).toMatchObject({
      sku: 'A',
      name: 'Renamed',
      barcode: null,
      category: 'C',
      price: '6.50',
      isActive: false,
    });
    const taken = await t.gql(UPDATE_PRODUCT, { id, input: { sku: 'B' } }, a.ownerToken);
    expect(codeOf(taken)).toBe('BAD_USER_INPUT');
    expect(taken.errors![0].extensions!.field).toBe('sku');
  });

  it("treats another tenant's product id as unknown", async () => {
    const a = await registerTenant(t);
    const b = await registerTenant(t);
    const id = await createProduct(t, a.ownerToken, { name: 'Secret' });
    expect((await t.ok(PRODUCT, { id }, b.ownerToken)).product).toBeNull();
    expect((await t.ok(PRODUCT, { id: 'not-a-uuid' }, b.ownerToken)).product).toBeNull();
    expect(codeOf(await t.gql(UPDATE_PRODUCT, { id, input: { name: 'Hacked' } }, b.ownerToken))).toBe('NOT_FOUND');
    expect((await t.ok(PRODUCT, { id }, a.ownerToken)).product.name).toBe('Secret');
    expect((await t.ok(PRODUCTS, {}, b.ownerToken)).products.totalCount).toBe(0);
  });

  it('searches by name or sku, finds an exact barcode, and pages with cursors', async () => {
    const a = await registerTenant(t);
    const names = ['Apple juice', 'Banana', 'Cherry cola', 'Apple pie', 'Dates 100%'];
    for (const [i, name] of names.entries())
      await createProduct(t, a.ownerToken, { name, sku: `FRUIT-${i}`, barcode: `B${i}` });
    const apple = await t.ok(PRODUCTS, { search: 'apple' }, a.ownerToken);
    expect(apple.products.edges.map((e: any) => e.node.name)).toEqual(['Apple juice', 'Apple pie']);
    expect((await t.ok(PRODUCTS, { search: 'fruit-2' }, a.ownerToken)).products.edges[0].node.name).toBe('Cherry cola');
    expect((await t.ok(PRODUCTS, { search: '0%' }, a.ownerToken)).products.edges.map((e: any) => e.node.name)).toEqual([
      'Dates 100%',
    ]);
    expect((await t.ok(PRODUCTS, { barcode: 'B1' }, a.ownerToken)).products.edges.map((e: any) => e.node.name)).toEqual(
      ['Banana'],
    );
    expect((await t.ok(PRODUCTS, { barcode: 'B' }, a.ownerToken)).products.totalCount).toBe(0);
    const bySku = async (sku: string) =>
      (await t.ok(PRODUCTS, { sku }, a.ownerToken)).products.edges.map((e: any) => e.node.name);
    expect(await bySku('FRUIT-2')).toEqual(['Cherry cola']);
    expect(await bySku('fruit-2')).toEqual([]);
    expect(await bySku('FRUIT')).toEqual([]);

    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await t.ok(PRODUCTS, { first: 2, after }, a.ownerToken)).products;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...names].sort());
    const bad = await t.gql(PRODUCTS, { after: 'garbage' }, a.ownerToken);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(PRODUCTS, { first: 1000 }, a.ownerToken))).toBe('BAD_USER_INPUT');
  });

  it('pages a search in name order whether its matches come early in the catalogue or only late', async () => {
    const a = await registerTenant(t);
    // 4,500 names that sort the same in any collation; "zebra" only past the first 4,000 in name order.
    const names = Array.from({ length: 4500 }, (_, i) => {
      const tags = [i % 10 === 0 && 'common', i % 300 === 0 && 'mid', i >= 4000 && i % 50 === 0 && 'zebra'];
      return `p${String(i).padStart(5, '0')}${tags.filter(Boolean).join('')}`;
    });
    for (let at = 0; at < names.length; at += 1000) {
      const products = names.slice(at, at + 1000).map((name) => ({ sku: `S${name}`, name, price: '1.00' }));
      await t.ok(UPSERT_PRODUCTS, { input: { products } }, a.ownerToken);
    }
    for (const [term, first] of [
      ['common', 100],
      ['mid', 6],
      ['zebra', 4],
      ['ZEBRA', 20],
      ['p04321', 3],
    ] as const) {
      const found: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = (await t.ok(PRODUCTS, { search: term, first, after }, a.ownerToken)).products;
        found.push(...page.edges.map((e: any) => e.node.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const expected = names.filter((n) => n.includes(term.toLowerCase()));
      expect({ term, found }).toEqual({ term, found: expected });
    }
    const forged = Buffer.from(JSON.stringify([{ v: 'p01000' }, "1' or '1'='1"])).toString('base64url');
    const refused = await t.gql(PRODUCTS, { search: 'zebra', after: forged }, a.ownerToken);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('customers', () => {
  it('creates customers with a zero balance; another tenant cannot read them', async () => {
    const a = await tenantWithLocation(t);
    const b = await registerTenant(t);
    const { createCustomer } = await t.ok(
      CREATE_CUSTOMER,
      { input: { name: 'Ada', email: 'ADA@x.test', phone: '+1 555 0100' } },
      a.ownerToken,
    );
    expect(createCustomer).toMatchObject({
      name: 'Ada',
      email: 'ada@x.test',
      phone: '+1 555 0100',
      storeCreditBalance: '0.00',
    });
    expect((await t.ok(CUSTOMER, { id: createCustomer.id }, a.ownerToken)).customer.name).toBe('Ada');
    expect(codeOf(await t.gql(CUSTOMER, { id: createCustomer.id }, b.ownerToken))).toBe('NOT_FOUND');
    const bad = await t.gql(CREATE_CUSTOMER, { input: { name: 'B', email: 'nope' } }, a.ownerToken);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('email');
  });
});
