import { DEMO, seedDemo } from '../../src/services/tenancy/demo-seed';
import { LOGIN } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { OPEN_SESSION } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('seeds register POS-001 at location MAIN, ready for a session', async () => {
  expect(await seedDemo(t.app.services)).toBe(true);
  const login = await t.ok(LOGIN, {
    input: { tenantSlug: DEMO.tenantSlug, email: DEMO.email, password: DEMO.password },
  });
  const token = login.login.token;
  const terminals = (
    await t.ok(`query DemoTerminals { terminals { id code name isActive location { code } } }`, {}, token)
  ).terminals;
  expect(terminals).toEqual([
    { id: expect.any(String), code: 'POS-001', name: 'Register 1', isActive: true, location: { code: 'MAIN' } },
  ]);
  const opened = await t.ok(OPEN_SESSION, { input: { terminalId: terminals[0].id, openingBalance: '150.00' } }, token);
  expect(opened.openSession).toMatchObject({ sessionNumber: 'S-000001', status: 'OPEN' });
});
