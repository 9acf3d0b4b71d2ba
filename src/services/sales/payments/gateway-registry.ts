import { TenantContext } from '../../../context';
import { Tenant } from '../../../entities';
import { notFound } from '../../../errors';
import { GatewayMethod, PaymentGateway } from './payment-gateway';

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

  /**
   * The gateway the context's tenant uses for `method` (one read of the tenant
   * row): wallets may have their own (`walletPaymentGateway`), else the card one.
   */
  async forTenant(ctx: TenantContext, method: GatewayMethod = 'CARD'): Promise<PaymentGateway> {
    const tenant = await ctx.em.findOne(Tenant, { id: ctx.tenantId });
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const name =
      method === 'MOBILE_WALLET' ? (tenant.walletPaymentGateway ?? tenant.paymentGateway) : tenant.paymentGateway;
    return this.byName(name);
  }

  /**
   * The gateway that took a payment: refunds and voids go back to it even if the
   * tenant has switched since. Payments from before the column existed use the
   * tenant's current one.
   */
  async forPayment(ctx: TenantContext, payment: { gateway?: string | null; method: string }): Promise<PaymentGateway> {
    return payment.gateway ? this.byName(payment.gateway) : this.forTenant(ctx, payment.method as GatewayMethod);
  }
}
