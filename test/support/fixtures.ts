import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app';

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterTenantInput!) {
    registerTenant(input: $input) {
      token
      user {
        id
        email
        roles
      }
    }
  }
`;

export const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      roles
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      user {
        id
        email
        roles
      }
    }
  }
`;

export interface TenantFixture {
  slug: string;
  ownerToken: string;
  ownerId: string;
  ownerEmail: string;
  password: string;
}

/** Registers a fresh tenant (unique slug) and returns its owner's token. */
export async function registerTenant(t: TestApp, overrides: Record<string, unknown> = {}): Promise<TenantFixture> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const password = 'correct-horse-battery';
  const ownerEmail = `owner@${slug}.test`;
  const data = await t.ok(REGISTER, {
    input: { name: `Tenant ${slug}`, slug, currency: 'USD', ownerEmail, ownerPassword: password, ...overrides },
  });
  return { slug, ownerToken: data.registerTenant.token, ownerId: data.registerTenant.user.id, ownerEmail, password };
}

/** Creates a user with the given role in the tenant and signs them in. */
export async function userWithRole(
  t: TestApp,
  tenant: TenantFixture,
  role: 'OWNER' | 'MANAGER' | 'CASHIER',
  pin?: string,
) {
  const email = `${role.toLowerCase()}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`;
  const created = await t.ok(
    CREATE_USER,
    { input: { email, password: tenant.password, name: role, roles: [role], pin } },
    tenant.ownerToken,
  );
  const login = await t.ok(LOGIN, { input: { tenantSlug: tenant.slug, email, password: tenant.password } });
  return { id: created.createUser.id as string, email, token: login.login.token as string };
}
