import { EntityManager } from '@mikro-orm/postgresql';
import { MoneyRules } from './report-money';
import { ReportScope } from './report.sql';
import { queryReport } from './report-windows';
import { MarginGroup, profitMarginSql, SALES_BY_CATEGORY, TOP_PRODUCTS } from './product-reports.sql';

/*
 * The product reports: per product figures of moved lines, net of voids and
 * refunds (product-reports.sql.ts), joined to the tenant's products.
 */

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
  return queryReport(em, scope, rules, TOP_PRODUCTS, { limit });
}

export interface CategorySalesRow {
  category: string;
  quantity: number;
  revenue: string;
  product_count: number;
}

/** Products' `category` ("Uncategorized" when empty): units, revenue and how many products sold. */
export function salesByCategory(em: EntityManager, scope: ReportScope, rules: MoneyRules): Promise<CategorySalesRow[]> {
  return queryReport(em, scope, rules, SALES_BY_CATEGORY);
}

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
  return queryReport(em, scope, rules, profitMarginSql(groupBy));
}
