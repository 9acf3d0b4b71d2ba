import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { initOrm, migrateToLatest } from '../db/orm';
import { generateSales } from './sales-generator';
import { tenantIdBySlug } from '../services/tenancy/tenancy.sql';

/**
 * npm run gen:data -- --sales N [--tenant slug] [--days 365]
 * Fills an existing tenant (default: the demo tenant "demo") of DATABASE_URL
 * with generated locations, products, cashiers and a year of sales.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sales: { type: 'string', default: '10000' },
      tenant: { type: 'string', default: 'demo' },
      days: { type: 'string', default: '365' },
    },
  });
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('set DATABASE_URL (the database to fill)');
  const orm = await initOrm(config.databaseUrl);
  try {
    await migrateToLatest(orm);
    const em = orm.em.fork();
    const tenant = await tenantIdBySlug(em, values.tenant);
    if (!tenant) throw new Error(`no tenant with slug "${values.tenant}" (register one first, e.g. npm run seed:demo)`);
    const started = Date.now();
    const result = await generateSales(em, {
      tenantId: tenant.id,
      sales: Number(values.sales),
      days: Number(values.days),
      log: (message) => console.log(message),
    });
    console.log(
      `generated ${result.sales} sales, ${result.lines} lines in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
