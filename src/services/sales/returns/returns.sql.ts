import { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../core/sql';

export interface ReturnCostRow {
  /** remaining value / remaining units of the location's layers; null without stock there. */
  average_cost: string | null;
  /** The newest purchase (RECEIPT layer) of the product, this location's first. */
  last_purchase_cost: string | null;
}

/** The figures the cost of goods returned without a sale line is decided from (docs/returns.md, "Cost"). */
export async function returnCostFigures(
  em: EntityManager,
  tenantId: string,
  productId: string,
  locationId: string,
): Promise<ReturnCostRow> {
  const [row] = await query<ReturnCostRow>(
    em,
    `select
       (select (sum(v.remaining_value) / nullif(sum(v.remaining), 0))::text from valuation_layers v
        where v.tenant_id = :tenant and v.product_id = :product and v.location_id = :location and v.remaining > 0) as average_cost,
       (select v.unit_cost::text from valuation_layers v
        where v.tenant_id = :tenant and v.product_id = :product and v.source = 'RECEIPT'
        order by (v.location_id = :location) desc, v.received_at desc, v.id desc limit 1) as last_purchase_cost`,
    { tenant: tenantId, product: productId, location: locationId },
  );
  return row;
}
