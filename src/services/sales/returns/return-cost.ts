import Decimal from 'decimal.js';
import { TenantContext } from '../../../context';
import type { Product } from '../../../entities';
import { Dec, ZERO } from '../../../money/decimal';
import { returnCostFigures } from './returns.sql';

/**
 * The unit cost goods returned without a sale line go back to stock at
 * (docs/returns.md, "Cost"): the current average cost of the product's stock
 * at the location, so the new layer leaves that average where it was; with no
 * stock there, the last purchase cost (this location's, else any location's);
 * else the product's cost price; else 0. Four decimals, as every unit cost.
 */
export async function returnUnitCost(tx: TenantContext, product: Product, locationId: string): Promise<Decimal> {
  const figures = await returnCostFigures(tx.em, tx.tenantId, product.id, locationId);
  const cost = figures.average_cost ?? figures.last_purchase_cost;
  if (cost != null) return new Dec(cost).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return product.costPrice.gt(0) ? product.costPrice : ZERO;
}
