import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { registerTenant, userWithRole } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

/** `npm run import:products` as a user runs it: the CLI in its own process, against a running server. */
describe('import:products (CSV into upsertProducts)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(path.join(tmpdir(), 'import-products-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importCsv = (file: string, token: string) =>
    run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli/import-products.ts', file, '--url', t.url, '--token', token],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
    );

  // Columns as stored (numeric at four places).
  const productsOf = (tenantId: string) =>
    t.sql(
      `select sku, name, price::text, barcode, category, cost_price::text as cost, tax_rate::text as tax, is_active
       from products where tenant_id = ? order by sku`,
      [tenantId],
    );

  it('creates 2,500 rows in three calls, then updates by sku, an empty optional cell keeping the value', async () => {
    const tenant = await registerTenant(t);
    const [{ id: tenantId }] = await t.sql('select id from tenants where slug = ?', [tenant.slug]);
    const rows = Array.from({ length: 2500 }, (_, i) => {
      const n = String(i + 1).padStart(4, '0');
      return `IMP-${n},"Item ${n}, boxed",${(i % 90) + 1}.25,400${n},Imported,0.50,0.08,true`;
    });
    const first = path.join(dir, 'first.csv');
    writeFileSync(first, ['sku,name,price,barcode,category,costPrice,taxRate,isActive', ...rows].join('\n'));
    const created = await importCsv(first, tenant.ownerToken);
    expect(created.stdout).toMatch(/2500 rows: 2500 created, 0 updated in \d+\.\d s/);

    const second = path.join(dir, 'second.csv');
    writeFileSync(
      second,
      ['sku,name,price,barcode,category,costPrice,taxRate,isActive', 'IMP-0001,Item one renamed,9.99,,,,,false'].join(
        '\n',
      ),
    );
    const updated = await importCsv(second, tenant.ownerToken);
    expect(updated.stdout).toMatch(/1 rows: 0 created, 1 updated/);

    const products = await productsOf(tenantId);
    expect(products).toHaveLength(2500);
    expect(products[0]).toEqual({
      sku: 'IMP-0001',
      name: 'Item one renamed',
      price: '9.9900',
      barcode: '4000001',
      category: 'Imported',
      cost: '0.5000',
      tax: '0.0800',
      is_active: false,
    });
    expect(products[1]).toMatchObject({ sku: 'IMP-0002', name: 'Item 0002, boxed', price: '2.2500', is_active: true });
  });

  it('stops at a bad batch naming its first line; the batches before it are in', async () => {
    const tenant = await registerTenant(t);
    const [{ id: tenantId }] = await t.sql('select id from tenants where slug = ?', [tenant.slug]);
    const rows = Array.from({ length: 1500 }, (_, i) => `BAD-${String(i + 1).padStart(4, '0')},Item,1.00`);
    rows[1200] = 'BAD-1201,Item,-5';
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, ['sku,name,price', ...rows].join('\n'));
    const failure = await importCsv(file, tenant.ownerToken).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('rows from line 1002');
    expect(await productsOf(tenantId)).toHaveLength(1000);
  });

  it('is refused for a cashier, writing nothing', async () => {
    const tenant = await registerTenant(t);
    const [{ id: tenantId }] = await t.sql('select id from tenants where slug = ?', [tenant.slug]);
    const cashier = await userWithRole(t, tenant, 'CASHIER');
    const file = path.join(dir, 'cashier.csv');
    writeFileSync(file, 'sku,name,price\nC-1,Item,1.00\n');
    const failure = await importCsv(file, cashier.token).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { stderr: string }).stderr).toContain('FORBIDDEN');
    expect(await productsOf(tenantId)).toHaveLength(0);
  });
});
