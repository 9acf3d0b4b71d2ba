import { randomBytes } from 'node:crypto';
import { Role } from '../../src/entities/enums';
import { TENANT_FILTER } from '../../src/entities/tenant-scoped';
import { TenantContext } from '../../src/context';
import { Loaders } from '../../src/loaders';
import { registerTenant, TenantFixture } from '../support/fixtures';
import { CREATE_LOCATION, CREATE_PRODUCT } from '../support/operations';
import { TestApp } from '../support/test-app';

export { CREATE_LOCATION, CREATE_PRODUCT, RECEIVE_STOCK, STOCK_LEVELS } from '../support/operations';

export const ADJUST = /* GraphQL */ `
  mutation Adjust($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      id
      productId
      type
      quantity
      reason
      referenceType
      unitCost
      costAmount
    }
  }
`;

export interface InventoryTenant extends TenantFixture {
  tenantId: string;
  locationId: string;
}

/** A fresh tenant with one location (code MAIN). */
export async function tenantWithLocation(t: TestApp, settings: Record<string, unknown> = {}): Promise<InventoryTenant> {
  const tenant = await registerTenant(t, settings);
  const { tenant: row } = await t.ok(`{ tenant { id } }`, {}, tenant.ownerToken);
  const { createLocation } = await t.ok(
    CREATE_LOCATION,
    { input: { name: 'Main', code: 'MAIN', timezone: 'UTC' } },
    tenant.ownerToken,
  );
  return { ...tenant, tenantId: row.id, locationId: createLocation.id };
}

export async function createProduct(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const sku = `SKU-${randomBytes(4).toString('hex')}`;
  const data = await t.ok(
    CREATE_PRODUCT,
    { input: { sku, name: `Product ${sku}`, price: '9.99', ...overrides } },
    token,
  );
  return data.createProduct.id;
}

/** A service-level context for the tenant's owner, as a request would have (not in a transaction). */
export function ownerContext(t: TestApp, tenant: InventoryTenant): TenantContext {
  const services = t.app.services;
  const em = services.orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId: tenant.tenantId });
  return {
    requestId: `test-${randomBytes(3).toString('hex')}`,
    em,
    tenantId: tenant.tenantId,
    actor: { kind: 'user', userId: tenant.ownerId, roles: [Role.OWNER] },
    permissions: new Set(),
    loaders: new Loaders(),
    log: services.log,
    services,
  };
}

export async function levelOf(
  t: TestApp,
  productId: string,
  locationId: string,
): Promise<{ onHand: number; reserved: number }> {
  const [row] = await t.sql<{ on_hand: number; reserved: number }>(
    'select on_hand, reserved from stock_levels where product_id = ? and location_id = ?',
    [productId, locationId],
  );
  return { onHand: Number(row?.on_hand ?? 0), reserved: Number(row?.reserved ?? 0) };
}

export async function movementSum(t: TestApp, productId: string, locationId: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>(
    'select coalesce(sum(quantity), 0)::text as n from stock_movements where product_id = ? and location_id = ?',
    [productId, locationId],
  );
  return Number(row.n);
}
