import jwt from 'jsonwebtoken';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { LOGIN, REGISTER, registerTenant, userWithRole, CREATE_USER } from '../support/fixtures';

const ME = /* GraphQL */ `
  query Me {
    me {
      id
      email
      name
      roles
    }
  }
`;
const TENANT = /* GraphQL */ `
  query Tenant {
    tenant {
      id
      slug
      currency
      costingMethod
      cashRoundingIncrement
      discountApprovalThreshold
      timezone
    }
  }
`;
const UPDATE_SETTINGS = /* GraphQL */ `
  mutation UpdateSettings($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      currency
      pricesIncludeTax
      costingMethod
      cashRoundingIncrement
      roundingMode
      timezone
    }
  }
`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function countRows(table: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>(`select count(*)::text as n from ${table}`);
  return Number(row.n);
}

describe('registerTenant and login', () => {
  it('registers a tenant whose owner can log in and read themself', async () => {
    const tenant = await registerTenant(t, {
      costingMethod: 'LIFO',
      cashRoundingIncrement: '0.05',
      timezone: 'Europe/Berlin',
    });
    const login = await t.ok(LOGIN, {
      input: { tenantSlug: tenant.slug, email: tenant.ownerEmail.toUpperCase(), password: tenant.password },
    });
    expect(login.login.user.roles).toEqual(['OWNER']);
    const me = await t.ok(ME, {}, login.login.token);
    expect(me.me).toMatchObject({ id: tenant.ownerId, email: tenant.ownerEmail, roles: ['OWNER'] });
    const settings = await t.ok(TENANT, {}, login.login.token);
    expect(settings.tenant).toMatchObject({
      slug: tenant.slug,
      currency: 'USD',
      costingMethod: 'LIFO',
      cashRoundingIncrement: '0.05',
      discountApprovalThreshold: '20.00',
      timezone: 'Europe/Berlin',
    });
  });

  it('never returns a password hash, even when asked', async () => {
    const tenant = await registerTenant(t);
    const res = await t.gql(`{ me { id passwordHash } }`, {}, tenant.ownerToken);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    const [row] = await t.sql<{ password_hash: string }>('select password_hash from users where id = ?', [
      tenant.ownerId,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rejects a wrong password, an unknown email and an unknown tenant alike', async () => {
    const tenant = await registerTenant(t);
    for (const input of [
      { tenantSlug: tenant.slug, email: tenant.ownerEmail, password: 'wrong-password' },
      { tenantSlug: tenant.slug, email: 'nobody@x.test', password: tenant.password },
      { tenantSlug: 'no-such-tenant', email: tenant.ownerEmail, password: tenant.password },
    ]) {
      const res = await t.gql(LOGIN, { input });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors![0].message).toBe('Invalid email or password');
    }
  });

  it('refuses a duplicate slug without writing anything', async () => {
    const tenant = await registerTenant(t);
    const [tenants, users] = [await countRows('tenants'), await countRows('users')];
    const res = await t.gql(REGISTER, {
      input: {
        name: 'Again',
        slug: tenant.slug,
        currency: 'EUR',
        ownerEmail: 'a@b.test',
        ownerPassword: 'long-enough-pass',
      },
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe('slug');
    expect([await countRows('tenants'), await countRows('users')]).toEqual([tenants, users]);
  });

  it.each([
    ['an empty slug', { slug: '' }, 'slug'],
    ['a bad currency code', { currency: 'XXQ' }, 'currency'],
    ['a 10 kB name', { name: 'x'.repeat(10_240) }, 'name'],
    ['a malformed email', { ownerEmail: 'not-an-email' }, 'ownerEmail'],
    ['a short password', { ownerPassword: 'short' }, 'ownerPassword'],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['a non-numeric rounding increment', { cashRoundingIncrement: 'abc' }, undefined],
  ])('rejects %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, override, field) => {
    const before = await countRows('tenants');
    const res = await t.gql(REGISTER, {
      input: {
        name: 'Shop',
        slug: 'valid-slug-x',
        currency: 'USD',
        ownerEmail: 'o@shop.test',
        ownerPassword: 'long-enough-pass',
        ...override,
      },
    });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    if (field) expect(res.errors![0].extensions!.field).toBe(field);
    expect(await countRows('tenants')).toBe(before);
  });
});

describe('tokens', () => {
  it('answers UNAUTHENTICATED with no token, a malformed token, a forged one or an expired one', async () => {
    const tenant = await registerTenant(t);
    const claims = jwt.decode(tenant.ownerToken) as Record<string, unknown>;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, process.env.JWT_SECRET!);
    const forged = jwt.sign({ ...claims }, 'another-secret');
    for (const token of [undefined, 'not.a.jwt', forged, expired]) {
      const res = await t.gql(ME, {}, token);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const res = await t.gql(ME, {}, expired);
    expect(res.errors![0].message).toBe('Token expired');
  });
});

describe('roles and tenancy', () => {
  it('lets an owner create users, and forbids a cashier from doing so', async () => {
    const tenant = await registerTenant(t);
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    const before = await countRows('users');
    const res = await t.gql(
      CREATE_USER,
      { input: { email: 'x@y.test', password: 'long-enough-pass', name: 'X', roles: ['OWNER'] } },
      cashier.token,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(await countRows('users')).toBe(before);
  });

  it('rejects an unknown role and a duplicate email', async () => {
    const tenant = await registerTenant(t);
    const bad = await t.gql(
      CREATE_USER,
      { input: { email: 'r@y.test', password: 'long-enough-pass', name: 'R', roles: ['KING'] } },
      tenant.ownerToken,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const dup = await t.gql(
      CREATE_USER,
      { input: { email: tenant.ownerEmail, password: 'long-enough-pass', name: 'D', roles: ['CASHIER'] } },
      tenant.ownerToken,
    );
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('email');
  });

  it('allows the same email in two tenants, each seeing only its own', async () => {
    const a = await registerTenant(t);
    const b = await registerTenant(t);
    const email = 'shared@people.test';
    await t.ok(
      CREATE_USER,
      { input: { email, password: 'long-enough-pass', name: 'A', roles: ['CASHIER'] } },
      a.ownerToken,
    );
    await t.ok(
      CREATE_USER,
      { input: { email, password: 'long-enough-pass', name: 'B', roles: ['CASHIER'] } },
      b.ownerToken,
    );
    const login = await t.ok(LOGIN, { input: { tenantSlug: b.slug, email, password: 'long-enough-pass' } });
    const me = await t.ok(ME, {}, login.login.token);
    expect(me.me.name).toBe('B');
    const settings = await t.ok(TENANT, {}, login.login.token);
    expect(settings.tenant.slug).toBe(b.slug);
  });

  it('updates settings for the owner only, validating them', async () => {
    const tenant = await registerTenant(t);
    const manager = await userWithRole(t, tenant, 'MANAGER');
    const input = { currency: 'eur', pricesIncludeTax: true, roundingMode: 'HALF_EVEN', cashRoundingIncrement: '0.05' };
    expect(codeOf(await t.gql(UPDATE_SETTINGS, { input }, manager.token))).toBe('FORBIDDEN');
    const res = await t.ok(UPDATE_SETTINGS, { input }, tenant.ownerToken);
    expect(res.updateTenantSettings).toMatchObject({
      currency: 'EUR',
      pricesIncludeTax: true,
      roundingMode: 'HALF_EVEN',
      cashRoundingIncrement: '0.05',
    });
    const bad = await t.gql(UPDATE_SETTINGS, { input: { discountApprovalThreshold: '150' } }, tenant.ownerToken);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('discountApprovalThreshold');
  });
});
