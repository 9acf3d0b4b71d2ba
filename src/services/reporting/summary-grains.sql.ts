import { GIVEN_WINDOWS, sourceCtes } from './report.sql';
import { DAY_SPAN_ROWS, MONTH_SPAN_ROWS, splitWindows } from './report-split.sql';

/**
 * The report summaries' grains (docs/reports.md, "Report summaries"). Each
 * grain is defined ONCE, as the event rows it sums (over the `moved` and
 * `refunds` CTEs of report.sql.ts): the recompute (summary-recompute.ts)
 * stores their per-day sums, and a report reads the stored whole days plus
 * the same event rows of its partial days, so both always agree. Each
 * grain's day rows are rolled up per local month (`monthTable`, the same
 * columns, `date` the 1st of the month) by the same recompute.
 */
export interface Grain {
  table: string;
  /** The monthly rollup of `table`. */
  monthTable: string;
  /** The key column beside (tenant_id, date, location_id). */
  key: string;
  /** Additive integer measures, then additive money measures, in table order. */
  counts: string[];
  sums: string[];
  /** Rows of (location_id, date, <key>, <counts>, <sums>), one per event. */
  events: string;
}

const local = (alias: string) => `${alias}.location_id, ${alias}.local_at::date as date`;

/** Sale-level figures per local hour: salesReport and hourlySales. Refunds count at the hour they are processed. */
export const HOUR_GRAIN: Grain = {
  table: 'daily_hour_summaries',
  monthTable: 'monthly_hour_summaries',
  key: 'hour',
  counts: ['sales_count', 'completed_count'],
  sums: ['completed_total', 'gross_sales', 'discounts', 'tax', 'revenue', 'refunds'],
  events: `
    select ${local('m')}, extract(hour from m.local_at)::int as hour, m.sign as sales_count, (m.sign = 1)::int as completed_count,
      case when m.sign = 1 then m.total_amount else 0 end as completed_total, m.sign * m.subtotal as gross_sales,
      m.sign * m.discount_amount as discounts, m.sign * m.tax_amount as tax, m.sign * m.total_amount as revenue, 0::numeric as refunds
    from moved m
    union all
    select ${local('r')}, extract(hour from r.local_at)::int, 0, 0, 0, 0, 0, 0, 0, r.amount from refunds r`,
};

/** Payments of moved sales (signed as their sale) and refunds paid out, per method. */
export const PAYMENT_GRAIN: Grain = {
  table: 'daily_payment_summaries',
  monthTable: 'monthly_payment_summaries',
  key: 'method',
  counts: ['payment_count'],
  sums: ['amount', 'refunds'],
  events: `
    select ${local('m')}, p.method::text as method, m.sign as payment_count, m.sign * p.amount as amount, 0::numeric as refunds
    from moved m join sale_payments p on p.sale_id = m.id and p.tenant_id = :tenant
    where p.status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
    union all
    select ${local('r')}, r.method::text, 0, 0, r.amount from refunds r`,
};

/** A cashier's own sales (completed, voided) and the refunds they processed. */
export const CASHIER_GRAIN: Grain = {
  table: 'daily_cashier_summaries',
  monthTable: 'monthly_cashier_summaries',
  key: 'cashier_id',
  counts: ['sales_count', 'void_count', 'refund_count'],
  sums: ['completed_total', 'revenue', 'void_amount', 'discounts_given', 'refund_amount'],
  events: `
    select ${local('m')}, m.cashier_id, (m.sign = 1)::int as sales_count, (m.sign = -1)::int as void_count, 0 as refund_count,
      case when m.sign = 1 then m.total_amount else 0 end as completed_total, m.sign * m.total_amount as revenue,
      case when m.sign = -1 then m.total_amount else 0 end as void_amount, m.sign * m.discount_amount as discounts_given, 0::numeric as refund_amount
    from moved m where m.cashier_id is not null
    union all
    select ${local('r')}, r.processed_by_id, 0, 0, 1, 0, 0, 0, 0, r.amount from refunds r where r.processed_by_id is not null`,
};

/**
 * Per product: units, line totals (tax included), revenue net of tax and
 * cost of the moved lines, minus what refunds took back: a refunded line's
 * amount, its share of the line's tax (rounded to the currency's minor unit
 * in the tenant's mode, :digits / :halfEven, so every figure is whole minor
 * units) and the refunded units' cost (cost may keep 4 places). A line
 * returned without a receipt carries its product, tax and cost itself.
 */
export const PRODUCT_GRAIN: Grain = {
  table: 'daily_product_summaries',
  monthTable: 'monthly_product_summaries',
  key: 'product_id',
  counts: ['quantity'],
  sums: ['revenue', 'net_revenue', 'cogs'],
  events: `
    select ${local('m')}, i.product_id, m.sign * i.quantity as quantity, m.sign * i.line_total as revenue,
      m.sign * (i.line_total - i.tax_amount) as net_revenue, m.sign * coalesce(i.cost_amount, 0) as cogs
    from moved m join sale_items i on i.sale_id = m.id and i.tenant_id = :tenant
    union all
    select ${local('rf')}, coalesce(i.product_id, (line->>'productId')::uuid), -x.quantity, -x.amount,
      -(x.amount - case when i.id is null then coalesce((line->>'taxAmount')::numeric, 0)
        else coalesce(money_round(x.amount * i.tax_amount / nullif(i.line_total, 0), :digits, :halfEven), 0) end),
      -case when i.id is null then coalesce((line->>'costAmount')::numeric, 0)
        else round(coalesce(i.cost_amount, 0) * x.quantity / i.quantity, 4) end
    from refunds rf cross join lateral jsonb_array_elements(rf.items) line
    cross join lateral (select (line->>'quantity')::int as quantity, (line->>'amount')::numeric as amount) x
    left join sale_items i on i.id = (line->>'saleItemId')::uuid and i.tenant_id = :tenant`,
};

export const GRAINS: Grain[] = [HOUR_GRAIN, PAYMENT_GRAIN, CASHIER_GRAIN, PRODUCT_GRAIN];

const measures = (g: Grain) => [...g.counts, ...g.sums];

/** The measures summed, counts as integers. */
const summed = (g: Grain) => [
  ...g.counts.map((c) => `sum(${c})::int as ${c}`),
  ...g.sums.map((c) => `sum(${c}) as ${c}`),
];

/** The events summed per (location, local date, key): what a summary row holds. */
export function aggregatedEvents(g: Grain): string {
  return `select location_id, date, ${g.key}, ${summed(g).join(', ')} from (${g.events}) e group by 1, 2, 3`;
}

/**
 * A report's rows of a grain summed by `by` (columns of the grain, e.g.
 * ['product_id'] or ['date']): each location's whole months from the monthly
 * rollup, its other whole days from the day summaries and the events of its
 * partial days (report-split.sql.ts), each summed on its own so the stored
 * sides aggregate in parallel before the union. Columns: `by`, then the
 * measures.
 */
export function grainRows(g: Grain, by: string[]): string {
  const keys = by.join(', ');
  const sums = measures(g)
    .map((c) => `sum(${c}) as ${c}`)
    .join(', ');
  const stored = (table: string, rows: string) =>
    `select ${by.map((c) => `d.${c}`).join(', ')}, ${sums} from ${table} d ${rows} group by ${keys}`;
  return `
    ${stored(g.monthTable, MONTH_SPAN_ROWS)}
    union all
    ${stored(g.table, DAY_SPAN_ROWS)}
    union all
    select ${keys}, ${sums} from (${g.events}) e group by ${keys}`;
}

/**
 * The head of a report statement over a grain: the range's split, the
 * source CTEs of its partial days, then `g`, the grain's rows summed by `by`.
 * `months`: whether whole months may come from the rollup (not when the
 * report groups by day or week, which a month row cannot tell apart).
 */
export function overGrain(g: Grain, by: string[], months = true): string {
  return `with ${sourceCtes(splitWindows(months))}, g as (${grainRows(g, by)})`;
}

/**
 * Replaces the rows of `table` in `scope` (a condition on alias d) with
 * those of the CTE `fresh` (location_id, date, key, measures): upserts every
 * fresh row and deletes the rows in scope that fresh no longer has.
 */
function replaceRows(g: Grain, table: string, scope: string): string {
  const cols = measures(g);
  return `
    gone as (
      delete from ${table} d where d.tenant_id = :tenant ${scope}
        and not exists (select 1 from fresh f where f.location_id = d.location_id and f.date = d.date and f.${g.key} = d.${g.key})
    )
    insert into ${table} (id, tenant_id, location_id, date, ${g.key}, ${cols.join(', ')}, created_at, updated_at)
    select gen_random_uuid(), :tenant, f.location_id, f.date, f.${g.key}, ${cols.map((c) => `f.${c}`).join(', ')}, now(), now() from fresh f
    on conflict (tenant_id, date, location_id, ${g.key}) do update set
      ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = now()`;
}

/**
 * The one-statement recompute of a grain's day rows over the windows given
 * as parameters: one location's date (:location, :date), or the whole tenant.
 */
export function recomputeGrain(g: Grain, scope: 'day' | 'tenant'): string {
  const inScope = scope === 'day' ? 'and d.location_id = :location and d.date = :date::date' : '';
  return `with ${sourceCtes(GIVEN_WINDOWS)}, fresh as (${aggregatedEvents(g)}), ${replaceRows(g, g.table, inScope)}`;
}

/**
 * The one-statement rollup of a grain's day rows into its monthly rows: the
 * month of :date at :location, or every month of the tenant. Run after the
 * day rows it reads, in the same transaction; idempotent like them.
 */
export function rollupGrain(g: Grain, scope: 'month' | 'tenant'): string {
  const month = `date_trunc('month', :date::date::timestamp)`;
  const [days, inScope] =
    scope === 'month'
      ? [
          `and d.location_id = :location and d.date >= ${month}::date and d.date < (${month} + interval '1 month')::date`,
          `and d.location_id = :location and d.date = ${month}::date`,
        ]
      : ['', ''];
  return `
    with fresh as (
      select d.location_id, date_trunc('month', d.date::timestamp)::date as date, d.${g.key}, ${summed(g).join(', ')}
      from ${g.table} d where d.tenant_id = :tenant ${days} group by 1, 2, 3
    ),
    ${replaceRows(g, g.monthTable, inScope)}`;
}
