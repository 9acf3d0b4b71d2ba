/** The reports' common inputs once checked (report-range.ts). */
export interface ReportScope {
  tenantId: string;
  from: Date;
  to: Date;
  /** null: every location of the tenant. */
  locationId: string | null;
}

export function scopeParams(scope: ReportScope): Record<string, unknown> {
  return { tenant: scope.tenantId, from: scope.from, to: scope.to, location: scope.locationId };
}

const atLocation = (scope: ReportScope, alias: string) => (scope.locationId ? `and ${alias}.location_id = :location` : '');

/**
 * CTEs every report starts from (docs/reports.md, "Which day"):
 * - `moved`: sales completed in [from, to) with sign +1, and sales completed
 *   earlier or in range that were voided in [from, to) with sign -1 (a void
 *   reduces the figures when it happens), each with `at` (the instant that
 *   counts) and its location's time zone `tz`;
 * - `refunds`: COMPLETED refunds processed in [from, to), with their sale's
 *   location and zone.
 * Both use the report indexes (sales_report_completed_index,
 * sales_report_voided_index, sale_refunds_report_index).
 */
export function baseCtes(scope: ReportScope): string {
  return `
moved as (
  select s.id, s.location_id, s.cashier_id, s.total_amount, s.subtotal, s.discount_amount, s.tax_amount, 1 as sign, s.completed_at as at
  from sales s
  where s.tenant_id = :tenant and s.completed_at >= :from and s.completed_at < :to ${atLocation(scope, 's')}
  union all
  select s.id, s.location_id, s.cashier_id, s.total_amount, s.subtotal, s.discount_amount, s.tax_amount, -1, s.voided_at
  from sales s
  where s.tenant_id = :tenant and s.voided_at >= :from and s.voided_at < :to and s.completed_at is not null ${atLocation(scope, 's')}
),
refunds as (
  select r.id, r.sale_id, r.amount, r.method, r.processed_at as at, r.processed_by_id, r.items, s.location_id
  from sale_refunds r join sales s on s.id = r.sale_id and s.tenant_id = r.tenant_id
  where r.tenant_id = :tenant and r.processed_at >= :from and r.processed_at < :to and r.status = 'COMPLETED' ${atLocation(scope, 's')}
),
zones as (select l.id, l.timezone as tz from locations l where l.tenant_id = :tenant)`;
}

/**
 * Line-level CTEs on top of baseCtes: `moved_lines` (the lines of moved
 * sales, signed as their sale) and `refund_lines` (each refunded line: units,
 * amount returned, its share of the line's tax and cost).
 */
export function lineCtes(): string {
  return `,
moved_lines as (
  select m.sign, m.at, m.location_id, i.product_id, i.quantity, i.line_total, i.tax_amount, coalesce(i.cost_amount, 0) as cost_amount
  from moved m join sale_items i on i.sale_id = m.id and i.tenant_id = :tenant
),
refund_lines as (
  select rf.at, rf.location_id, i.product_id, (line->>'quantity')::int as quantity, (line->>'amount')::numeric as amount,
    round((line->>'amount')::numeric * i.tax_amount / nullif(i.line_total, 0), 4) as tax_amount,
    round(coalesce(i.cost_amount, 0) * (line->>'quantity')::int / i.quantity, 4) as cost_amount
  from refunds rf cross join lateral jsonb_array_elements(rf.items) line
  join sale_items i on i.id = (line->>'saleItemId')::uuid and i.tenant_id = :tenant
)`;
}
