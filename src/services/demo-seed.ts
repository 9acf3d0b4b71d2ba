import { RequestContext } from '../context';
import { Tenant } from '../entities';
import { CostingMethod } from '../entities/enums';
import { Loaders } from '../loaders';
import type { AppServices } from './app-services';

export const DEMO = {
  tenantSlug: 'demo',
  email: 'owner@demo.test',
  password: 'demo-owner-pass',
};

/**
 * Creates the demo tenant (owner, location, terminal, products with stock)
 * unless it exists. Returns false when it was already there.
 */
export async function seedDemo(services: AppServices): Promise<boolean> {
  const em = services.orm.em.fork();
  if (await em.count(Tenant, { slug: DEMO.tenantSlug })) return false;
  const ctx: RequestContext = {
    requestId: 'seed-demo',
    em,
    permissions: new Set(),
    loaders: new Loaders(),
    log: services.log,
    services,
  };
  await services.tenants.register(ctx, {
    name: 'Demo Store',
    slug: DEMO.tenantSlug,
    currency: 'USD',
    ownerEmail: DEMO.email,
    ownerPassword: DEMO.password,
    ownerName: 'Demo Owner',
    costingMethod: CostingMethod.FIFO,
    timezone: 'America/New_York',
  });
  return true;
}
