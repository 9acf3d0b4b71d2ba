import { TenantContext } from '../../context';
import { Tenant } from '../../entities';

/** The context's tenant row (its settings drive stock, totals and expiry rules). */
export function currentTenant(tx: TenantContext): Promise<Tenant> {
  return tx.em.findOneOrFail(Tenant, { id: tx.tenantId });
}
