import { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../core/sql';
import { baseCtes, lineCtes, ReportScope, scopeParams } from './report-sql';

/**
 * Per product: units and revenue (line totals, tax included) of moved lines
 * (voids subtract), minus the units and amounts refunded in range; plus the
 * net-of-tax revenue and cost the margin report uses.
 */
function productTotals(): string {
  return `,
  per_product as (
    select product_id, sum(quantity) as quantity, sum(revenue) as revenue, sum(net_revenue) as net_revenue, sum(cogs) as cogs
    from (
      select product_id, sign * quantity as quantity, sign * line_total as revenue, sign * (line_total - tax_amount) as net_revenue,
        sign * cost_amount as cogs
      from moved_lines
      union all
      select product_id, -quantity, -amount, -(amount - coalesce(tax_amount, 0)), -cost_amount from refund_lines
    ) x group by product_id
  )`;
}

export interface ProductSalesRow {
  product_id: string;
  sku: string;
  name: string;
  category: string | null;
  quantity: number;
  revenue: string;
}

/** The best-selling products by revenue (then units, then sku), at most `limit`. */
export function topProducts(em: EntityManager, scope: ReportScope, limit: number): Promise<ProductSalesRow[]> {
  return query(
    em,
    `with ${baseCtes(scope)}${lineCtes()}${productTotals()}
     select p.id as product_id, p.sku, p.name, p.category, pp.quantity::int as quantity, pp.revenue
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     order by pp.revenue desc, pp.quantity desc, p.sku
     limit :limit`,
    { ...scopeParams(scope), limit },
  );
}

export interface CategorySalesRow {
  category: string;
  quantity: number;
  revenue: string;
  product_count: number;
}

/** Products' `category` ("Uncategorized" when empty): units, revenue and how many products sold. */
export function salesByCategory(em: EntityManager, scope: ReportScope): Promise<CategorySalesRow[]> {
  return query(
    em,
    `with ${baseCtes(scope)}${lineCtes()}${productTotals()}
     select coalesce(nullif(p.category, ''), 'Uncategorized') as category, sum(pp.quantity)::int as quantity, sum(pp.revenue) as revenue,
       count(*)::int as product_count
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     group by 1 order by revenue desc, 1`,
    scopeParams(scope),
  );
}

export type MarginGroup = 'PRODUCT' | 'CATEGORY';

export interface MarginRow {
  key: string;
  name: string;
  revenue: string;
  cogs: string;
  margin: string;
  margin_percent: string | null;
}

/**
 * Revenue net of tax (and of voids and refunds) minus COGS (cost of the units
 * sold, minus the cost of units refunded), by product or category; margin %
 * = margin / revenue x 100 (2 places), null without revenue.
 */
export function profitMargin(em: EntityManager, scope: ReportScope, groupBy: MarginGroup): Promise<MarginRow[]> {
  const [key, name] =
    groupBy === 'PRODUCT'
      ? ['p.id::text', `max(p.name)`]
      : [`coalesce(nullif(p.category, ''), 'Uncategorized')`, `coalesce(nullif(p.category, ''), 'Uncategorized')`];
  return query(
    em,
    `with ${baseCtes(scope)}${lineCtes()}${productTotals()}
     select ${key} as key, ${name} as name, sum(pp.net_revenue) as revenue, sum(pp.cogs) as cogs,
       sum(pp.net_revenue) - sum(pp.cogs) as margin,
       round((sum(pp.net_revenue) - sum(pp.cogs)) * 100 / nullif(sum(pp.net_revenue), 0), 2) as margin_percent
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     group by 1 order by margin desc, 1`,
    scopeParams(scope),
  );
}
