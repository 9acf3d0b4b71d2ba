import { overGrain, PRODUCT_GRAIN } from './summary-grains.sql';

/** The product reports' statements (product-reports.ts runs them over the report windows). */

/**
 * Per product: units and revenue (line totals, tax included) of moved lines
 * (voids subtract), minus the units and amounts refunded in range; plus the
 * net-of-tax revenue and cost the margin report uses (summary-grains.sql.ts).
 * Every product report joins it to the tenant's products.
 */
const PER_PRODUCT = `${overGrain(PRODUCT_GRAIN, ['product_id'])},
  per_product as (
    select g.product_id, sum(g.quantity) as quantity, sum(g.revenue) as revenue, sum(g.net_revenue) as net_revenue, sum(g.cogs) as cogs
    from g group by 1
  )`;

/** The best-selling products by revenue (then units, then sku), at most :limit. */
export const TOP_PRODUCTS = `${PER_PRODUCT}
     select p.id as product_id, p.sku, p.name, p.category, pp.quantity::int as quantity, pp.revenue
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     order by pp.revenue desc, pp.quantity desc, p.sku
     limit :limit`;

/** Per category ("Uncategorized" when empty): units, revenue and how many products sold. */
export const SALES_BY_CATEGORY = `${PER_PRODUCT}
     select coalesce(nullif(p.category, ''), 'Uncategorized') as category, sum(pp.quantity)::int as quantity, sum(pp.revenue) as revenue,
       count(*)::int as product_count
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     group by 1 order by revenue desc, 1`;

export type MarginGroup = 'PRODUCT' | 'CATEGORY';

/** Net-of-tax revenue and COGS per product (key: its id) or per category (key and name: the category). */
export function profitMarginSql(groupBy: MarginGroup): string {
  const [key, name] =
    groupBy === 'PRODUCT'
      ? ['p.id::text', `max(p.name)`]
      : [`coalesce(nullif(p.category, ''), 'Uncategorized')`, `coalesce(nullif(p.category, ''), 'Uncategorized')`];
  return `${PER_PRODUCT}
     select ${key} as key, ${name} as name, sum(pp.net_revenue) as revenue, sum(pp.cogs) as cogs
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     group by 1 order by 1`;
}
