import { DEMO, seedDemo } from '../../src/services/tenancy/demo-seed';
import { LOGIN } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('seeds location MAIN and products with barcodes and stock, once', async () => {
  expect(await seedDemo(t.app.services)).toBe(true);
  expect(await seedDemo(t.app.services)).toBe(false);
  const login = await t.ok(LOGIN, {
    input: { tenantSlug: DEMO.tenantSlug, email: DEMO.email, password: DEMO.password },
  });
  const token = login.login.token;
  const { locations } = await t.ok(`{ locations { id code } }`, {}, token);
  expect(locations.map((l: { code: string }) => l.code)).toEqual(['MAIN']);
  const { products } = await t.ok(
    `query($loc: ID) { products(barcode: "0012345000017") { edges { node { sku price stockLevels(locationId: $loc) { onHand available } } } } }`,
    { loc: locations[0].id },
    token,
  );
  expect(products.edges).toEqual([
    { node: { sku: 'COF-250', price: '8.99', stockLevels: [{ onHand: 40, available: 40 }] } },
  ]);
});
