import { TenantContext } from '../../../context';
import { Tenant } from '../../../entities';
import { notFound } from '../../../errors';
import { PaymentGateway } from './payment-gateway';

/**
 * The payment gateways this process can talk to, by the name a tenant's
 * `paymentGateway` setting uses. Adapters are registered once at start-up
 * (app-services.ts) and shared by all tenants: they hold no tenant state
 * beyond what each request carries.
 */
export class GatewayRegistry {
  private readonly gateways = new Map<string, PaymentGateway>();

  constructor(gateways: PaymentGateway[]) {
    for (const gateway of gateways) {
      if (this.gateways.has(gateway.name)) throw new Error(`payment gateway ${gateway.name} registered twice`);
      this.gateways.set(gateway.name, gateway);
    }
  }

  /** The names a tenant may choose. */
  names(): string[] {
    return [...this.gateways.keys()];
  }

  /** The gateway named by the setting; a name with no adapter is a deployment error, not the caller's. */
  byName(name: string): PaymentGateway {
    const gateway = this.gateways.get(name);
    if (!gateway) throw new Error(`no payment gateway named ${name} is registered`);
    return gateway;
  }

  /** The gateway the context's tenant is configured for (one read of the tenant row). */
  async forTenant(ctx: TenantContext): Promise<PaymentGateway> {
    const tenant = await ctx.em.findOne(Tenant, { id: ctx.tenantId });
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    return this.byName(tenant.paymentGateway);
  }
}
