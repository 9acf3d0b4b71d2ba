import { RequestContext, TenantContext } from '../../context';
import { Tenant, User } from '../../entities';
import { CostingMethod } from '../../entities/enums';
import { TENANT_FILTER } from '../../entities/tenant-scoped';
import { Loaders } from '../../loaders';
import { dec } from '../../money/decimal';
import type { AppServices } from '../app-services';
import { inTransaction } from '../core/transaction';

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
  const { user } = await services.tenants.register(ctx, {
    name: 'Demo Store',
    slug: DEMO.tenantSlug,
    currency: 'USD',
    ownerEmail: DEMO.email,
    ownerPassword: DEMO.password,
    ownerName: 'Demo Owner',
    costingMethod: CostingMethod.FIFO,
    timezone: 'America/New_York',
  });
  const owner = tenantContext(ctx, user);
  await seedInventory(services, owner);
  await seedRegister(services, owner);
  return true;
}

/** Terminal POS-001 ("Register 1") at location MAIN. */
async function seedRegister(services: AppServices, ctx: TenantContext): Promise<void> {
  const main = (await services.locations.list(ctx)).find((l) => l.code === 'MAIN');
  if (!main) throw new Error('demo seed: location MAIN is missing');
  await services.terminals.create(ctx, { name: 'Register 1', code: 'POS-001', locationId: main.id });
}

/** A signed-in owner's context for seeding through the services, like a request would have. */
function tenantContext(ctx: RequestContext, owner: User): TenantContext {
  const em = ctx.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId: owner.tenant.id });
  return { ...ctx, em, tenantId: owner.tenant.id, actor: { kind: 'user', userId: owner.id, roles: owner.roles } };
}

const DEMO_PRODUCTS = [
  {
    sku: 'COF-250',
    barcode: '0012345000017',
    name: 'Coffee beans 250 g',
    category: 'Grocery',
    price: '8.99',
    cost: '4.20',
    qty: 40,
  },
  {
    sku: 'TEA-GRN',
    barcode: '0012345000024',
    name: 'Green tea, 20 bags',
    category: 'Grocery',
    price: '3.49',
    cost: '1.10',
    qty: 60,
  },
  {
    sku: 'MUG-WHT',
    barcode: '0012345000031',
    name: 'Mug, white',
    category: 'Homeware',
    price: '6.50',
    cost: '2.75',
    qty: 25,
  },
  {
    sku: 'TSH-M',
    barcode: '0012345000048',
    name: 'T-shirt, M',
    category: 'Apparel',
    price: '19.99',
    cost: '7.00',
    qty: 15,
  },
  {
    sku: 'BAG-TOTE',
    barcode: '0012345000055',
    name: 'Tote bag',
    category: 'Apparel',
    price: '12.00',
    cost: '3.50',
    qty: 30,
  },
];

/** Location MAIN and a few products with barcodes and received stock, through the inventory services. */
async function seedInventory(services: AppServices, ctx: TenantContext): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const location = await services.locations.create(tx, { name: 'Main store', code: 'MAIN' });
    const lines = [];
    for (const p of DEMO_PRODUCTS) {
      const product = await services.products.create(tx, {
        sku: p.sku,
        barcode: p.barcode,
        name: p.name,
        category: p.category,
        price: dec(p.price),
        costPrice: dec(p.cost),
        taxRate: dec('0.0825'),
      });
      lines.push({ productId: product.id, quantity: p.qty, unitCost: dec(p.cost) });
    }
    await services.stock.receive(tx, { locationId: location.id, reference: 'DEMO-OPENING', lines });
  });
}
