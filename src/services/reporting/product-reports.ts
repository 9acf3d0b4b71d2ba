import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules } from './report-money';
import { ReportScope, sourceCtes } from './report.sql';
import { queryOverWindows } from './report-windows';
import { grainRows, PRODUCT_GRAIN } from './summary-grains';

/**
 * Per product: units and revenue (line totals, tax included) of moved lines
 * (voids subtract), minus the units and amounts refunded in range; plus the
 * net-of-tax revenue and cost the margin report uses (summary-grains.ts).
 */
const PER_PRODUCT = `with ${sourceCtes()}, g as (${grainRows(PRODUCT_GRAIN, ['product_id'])}),
  per_product as (
    select g.product_id, sum(g.quantity) as quantity, sum(g.revenue) as revenue, sum(g.net_revenue) as net_revenue, sum(g.cogs) as cogs
    from g group by 1
  )`;

export interface ProductSalesRow {
  product_id: string;
  sku: string;
  name: string;
  category: string | null;
  quantity: number;
  revenue: string;
}

/** The best-selling products by revenue (then units, then sku), at most `limit`. */
export function topProducts(
  em: EntityManager,
  scope: ReportScope,
  rules: MoneyRules,
  limit: number,
): Promise<ProductSalesRow[]> {
  return queryOverWindows(
    em,
    scope,
    rules,
    `${PER_PRODUCT}
     select p.id as product_id, p.sku, p.name, p.category, pp.quantity::int as quantity, pp.revenue
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     order by pp.revenue desc, pp.quantity desc, p.sku
     limit :limit`,
    { limit },
  );
}

export interface CategorySalesRow {
  category: string;
  quantity: number;
  revenue: string;
  product_count: number;
}

/** Products' `category` ("Uncategorized" when empty): units, revenue and how many products sold. */
export function salesByCategory(em: EntityManager, scope: ReportScope, rules: MoneyRules): Promise<CategorySalesRow[]> {
  return queryOverWindows(
    em,
    scope,
    rules,
    `${PER_PRODUCT}
     select coalesce(nullif(p.category, ''), 'Uncategorized') as category, sum(pp.quantity)::int as quantity, sum(pp.revenue) as revenue,
       count(*)::int as product_count
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     group by 1 order by revenue desc, 1`,
  );
}

export type MarginGroup = 'PRODUCT' | 'CATEGORY';

export interface MarginRow {
  key: string;
  name: string;
  revenue: string;
  cogs: string;
}

/**
 * Revenue net of tax (and of voids and refunds) and COGS (cost of the units
 * sold, minus the cost of units refunded), by product or category. The
 * service rounds COGS to the currency and derives margin and margin % from
 * the rounded figures, so each row adds up as printed.
 */
export function profitMargin(
  em: EntityManager,
  scope: ReportScope,
  rules: MoneyRules,
  groupBy: MarginGroup,
): Promise<MarginRow[]> {
  const [key, name] =
    groupBy === 'PRODUCT'
      ? ['p.id::text', `max(p.name)`]
      : [`coalesce(nullif(p.category, ''), 'Uncategorized')`, `coalesce(nullif(p.category, ''), 'Uncategorized')`];
  return queryOverWindows(
    em,
    scope,
    rules,
    `${PER_PRODUCT}
     select ${key} as key, ${name} as name, sum(pp.net_revenue) as revenue, sum(pp.cogs) as cogs
     from per_product pp join products p on p.id = pp.product_id and p.tenant_id = :tenant
     group by 1 order by 1`,
  );
}
