import { registerTenant, TenantFixture, userWithRole } from '../support/fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

const CREATE_CUSTOMER_ONLY = /* GraphQL */ `
  mutation CreateCustomerForList($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      name
      email
      phone
    }
  }
`;
const UPDATE_CUSTOMER = /* GraphQL */ `
  mutation UpdateCustomer($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) {
      id
      name
      email
      phone
      storeCreditBalance
    }
  }
`;
const CUSTOMERS = /* GraphQL */ `
  query Customers($search: String, $first: Int, $after: String) {
    customers(search: $search, first: $first, after: $after) {
      edges {
        node {
          name
          email
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

let t: TestApp;
let tenant: TenantFixture;
let other: TenantFixture;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  tenant = await registerTenant(t);
  other = await registerTenant(t);
  for (const [name, email, phone] of [
    ['Ada Lovelace', 'ada@example.test', '+44 20 1234'],
    ['Bea Arthur', 'bea@example.test', null],
    ['Cy Twombly', null, '555-0100'],
    ['Dot Cotton', 'dot@walford.test', null],
  ]) {
    ids[name!] = (
      await t.ok(CREATE_CUSTOMER_ONLY, { input: { name, email, phone } }, tenant.ownerToken)
    ).createCustomer.id;
  }
  await t.ok(CREATE_CUSTOMER_ONLY, { input: { name: 'Ada Other-Tenant', email: 'ada@other.test' } }, other.ownerToken);
});
afterAll(() => t?.close());

const names = (data: any) => data.customers.edges.map((e: any) => e.node.name);

describe('customers list', () => {
  it('pages by name with a cursor, only the tenant own customers', async () => {
    const first = await t.ok(CUSTOMERS, { first: 3 }, tenant.ownerToken);
    expect(names(first)).toEqual(['Ada Lovelace', 'Bea Arthur', 'Cy Twombly']);
    expect(first.customers.pageInfo.hasNextPage).toBe(true);
    const next = await t.ok(CUSTOMERS, { first: 3, after: first.customers.pageInfo.endCursor }, tenant.ownerToken);
    expect(names(next)).toEqual(['Dot Cotton']);
    expect(next.customers.pageInfo.hasNextPage).toBe(false);
  });

  it('searches name, email and phone, case-insensitively', async () => {
    expect(names(await t.ok(CUSTOMERS, { search: 'ADA' }, tenant.ownerToken))).toEqual(['Ada Lovelace']);
    expect(names(await t.ok(CUSTOMERS, { search: 'example.test' }, tenant.ownerToken))).toEqual([
      'Ada Lovelace',
      'Bea Arthur',
    ]);
    expect(names(await t.ok(CUSTOMERS, { search: '0100' }, tenant.ownerToken))).toEqual(['Cy Twombly']);
    expect(names(await t.ok(CUSTOMERS, { search: '%' }, tenant.ownerToken))).toEqual([]);
  });

  it('is readable by a cashier, and bounded', async () => {
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    expect(names(await t.ok(CUSTOMERS, { search: 'dot' }, cashier.token))).toEqual(['Dot Cotton']);
    expect(codeOf(await t.gql(CUSTOMERS, { first: 101 }, tenant.ownerToken))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CUSTOMERS, { search: 'x'.repeat(101) }, tenant.ownerToken))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(CUSTOMERS, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('updateCustomer', () => {
  it('changes the given fields, keeps the others, and clears email with null', async () => {
    const id = ids['Bea Arthur'];
    const renamed = await t.ok(
      UPDATE_CUSTOMER,
      { input: { id, name: '  Beatrice Arthur ', phone: '555 0199' } },
      tenant.ownerToken,
    );
    expect(renamed.updateCustomer).toEqual({
      id,
      name: 'Beatrice Arthur',
      email: 'bea@example.test',
      phone: '555 0199',
      storeCreditBalance: '0.00',
    });
    const cleared = await t.ok(UPDATE_CUSTOMER, { input: { id, email: null } }, tenant.ownerToken);
    expect(cleared.updateCustomer).toMatchObject({ name: 'Beatrice Arthur', email: null, phone: '555 0199' });
    const [row] = await t.sql('select name, email, phone from customers where id = ?', [id]);
    expect(row).toEqual({ name: 'Beatrice Arthur', email: null, phone: '555 0199' });
  });

  it("answers NOT_FOUND for another tenant's customer and changes nothing", async () => {
    const res = await t.gql(
      UPDATE_CUSTOMER,
      { input: { id: ids['Ada Lovelace'], name: 'Hijacked' } },
      other.ownerToken,
    );
    expect(codeOf(res)).toBe('NOT_FOUND');
    const [row] = await t.sql('select name from customers where id = ?', [ids['Ada Lovelace']]);
    expect(row.name).toBe('Ada Lovelace');
  });

  it('needs inventory:product:write (a cashier is FORBIDDEN) and checks its input', async () => {
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    expect(codeOf(await t.gql(UPDATE_CUSTOMER, { input: { id: ids['Dot Cotton'], name: 'X' } }, cashier.token))).toBe(
      'FORBIDDEN',
    );
    const manager = await userWithRole(t, tenant, 'MANAGER');
    expect(
      (await t.ok(UPDATE_CUSTOMER, { input: { id: ids['Dot Cotton'], name: 'Dorothy Cotton' } }, manager.token))
        .updateCustomer.name,
    ).toBe('Dorothy Cotton');
    for (const input of [{ name: '' }, { name: 'x'.repeat(201) }, { email: 'not-an-email' }, { phone: 'call me' }]) {
      const res = await t.gql(UPDATE_CUSTOMER, { input: { id: ids['Dot Cotton'], ...input } }, tenant.ownerToken);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await t.gql(UPDATE_CUSTOMER, { input: { id: 'not-a-uuid', name: 'X' } }, tenant.ownerToken))).toBe(
      'NOT_FOUND',
    );
  });
});
