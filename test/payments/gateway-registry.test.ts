import { TenantContext } from '../../src/context';
import { GatewayRegistry } from '../../src/services/sales/payments/gateway-registry';
import { SimulatorGateway } from '../../src/services/sales/payments/simulator-gateway';
import { createContext } from '../../src/server/context-factory';
import { registerTenant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GatewayRegistry', () => {
  it('serves a tenant the gateway its paymentGateway setting names (the simulator by default)', async () => {
    const tenant = await registerTenant(t);
    const ctx = (await createContext(t.app.services, `Bearer ${tenant.ownerToken}`)) as TenantContext;
    const gateway = await t.app.services.gateways.forTenant(ctx);
    expect(gateway).toBeInstanceOf(SimulatorGateway);
    expect(gateway.name).toBe('SIMULATOR');
    expect(t.app.services.gateways.names()).toEqual(['SIMULATOR', 'STRIPE', 'SQUARE']);
  });

  it('fails loudly when a tenant names a gateway this deployment does not have', async () => {
    const tenant = await registerTenant(t);
    await t.sql('update tenants set payment_gateway = ? where slug = ?', ['ACME_PAY', tenant.slug]);
    const ctx = (await createContext(t.app.services, `Bearer ${tenant.ownerToken}`)) as TenantContext;
    await expect(t.app.services.gateways.forTenant(ctx)).rejects.toThrow(
      'no payment gateway named ACME_PAY is registered',
    );
  });

  it('refuses two adapters under one name', () => {
    expect(
      () => new GatewayRegistry([new SimulatorGateway(t.app.services.orm), new SimulatorGateway(t.app.services.orm)]),
    ).toThrow('registered twice');
  });
});
