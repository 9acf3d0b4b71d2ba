/**
 * Hand-written SQL for the bench's floor (issue 20): each report's SAME
 * figures, read straight from the tables with every boundary already known
 * as a literal. Per location of the tenant (zones read once, untimed, by
 * `splitOf`): its whole local months from the monthly rollups, its other
 * whole local days from the day summaries, its partial first and last day
 * from the source rows; no split computed in SQL, no money rules, no JSON.
 * The bench checks that each returns exactly the rows of the report's own
 * statement and prints the report's time over this one (target <= 1.5x).
 */
/** Runs a statement with `?` placeholders (the bench's connection). */
export type Run = (sql: string, params: unknown[]) => Promise<any[]>;

export interface LocationSplit {
  id: string;
  tz: string;
  /** Whole local days [firstDay, lastDay) (none when firstDay >= lastDay). */
  firstDay: string;
  lastDay: string;
  /** Whole local months [firstMonth, lastMonth) inside them (none when equal). */
  firstMonth: string;
  lastMonth: string;
}

export interface Split {
  tenant: string;
  from: string;
  to: string;
  locations: LocationSplit[];
}

const nextMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Each location's whole days and months of [from, to), from its zone's wall clock at `from` and `to`. */
export async function splitOf(run: Run, tenant: string, from: Date, to: Date): Promise<Split> {
  const rows: Array<{ id: string; tz: string; f: string; t: string }> = await run(
    `select id, timezone as tz, to_char(?::timestamptz at time zone timezone, 'YYYY-MM-DD HH24:MI:SS.US') as f,
       to_char(?::timestamptz at time zone timezone, 'YYYY-MM-DD') as t
     from locations where tenant_id = ? order by code`,
    [from, to, tenant],
  );
  const locations = rows.map((r) => {
    const firstDay = r.f.endsWith('00:00:00.000000') ? r.f.slice(0, 10) : nextDay(r.f.slice(0, 10));
    const lastDay = r.t;
    const whole = firstDay.endsWith('-01') ? firstDay : nextMonth(firstDay);
    const end = `${lastDay.slice(0, 8)}01`;
    const [firstMonth, lastMonth] = firstDay < lastDay && whole < end ? [whole, end] : [firstDay, firstDay];
    return { id: r.id, tz: r.tz, firstDay, lastDay, firstMonth, lastMonth };
  });
  return { tenant, from: from.toISOString(), to: to.toISOString(), locations };
}

const anyOf = (conditions: string[]) => (conditions.length ? `(${conditions.join(' or ')})` : 'false');
const midnight = (l: LocationSplit, date: string) => `('${date}'::timestamp at time zone '${l.tz}')`;

/** Rows of a stored table (alias d) in the given per-location date ranges. */
function stored(table: string, columns: string, ranges: Array<[LocationSplit, string, string]>, tenant: string) {
  const inRanges = ranges
    .filter(([, lo, hi]) => lo < hi)
    .map(([l, lo, hi]) => `(d.location_id = '${l.id}' and d.date >= '${lo}' and d.date < '${hi}')`);
  return `select ${columns} from ${table} d where d.tenant_id = '${tenant}' and ${anyOf(inRanges)}`;
}

/** The figures' sources for a grain: rollup months, other whole days, and the partial days' event CTEs. */
function sources(s: Split, grain: string, columns: string, months: boolean) {
  const ms = months ? s.locations : s.locations.map((l) => ({ ...l, firstMonth: l.firstDay, lastMonth: l.firstDay }));
  const monthRows = stored(
    `monthly_${grain}_summaries`,
    columns,
    ms.map((l) => [l, l.firstMonth, l.lastMonth]),
    s.tenant,
  );
  const dayRows = stored(
    `daily_${grain}_summaries`,
    columns,
    ms.flatMap((l): Array<[LocationSplit, string, string]> => [
      [l, l.firstDay, l.firstMonth],
      [l, l.lastMonth, l.lastDay],
    ]),
    s.tenant,
  );
  const windows = (column: string) =>
    anyOf(
      s.locations.flatMap((l) => {
        const whole = l.firstDay < l.lastDay;
        const parts = whole
          ? [
              [`'${s.from}'`, midnight(l, l.firstDay)],
              [midnight(l, l.lastDay), `'${s.to}'`],
            ]
          : [[`'${s.from}'`, `'${s.to}'`]];
        return parts.map(
          ([lo, hi]) =>
            `(x.location_id = '${l.id}' and ${column} >= ${lo}::timestamptz and ${column} < ${hi}::timestamptz)`,
        );
      }),
    );
  const zone = `case x.location_id ${s.locations.map((l) => `when '${l.id}'::uuid then '${l.tz}'`).join(' ')} end`;
  const events = `
    moved as (
      select x.*, 1 as sign, x.completed_at at time zone ${zone} as local_at from sales x
      where x.tenant_id = '${s.tenant}' and ${windows('x.completed_at')}
      union all
      select x.*, -1, x.voided_at at time zone ${zone} from sales x
      where x.tenant_id = '${s.tenant}' and x.completed_at is not null and ${windows('x.voided_at')}
    ),
    refunded as (
      select x.*, x.processed_at at time zone ${zone} as local_at from sale_refunds x
      where x.tenant_id = '${s.tenant}' and x.status = 'COMPLETED' and ${windows('x.processed_at')}
    )`;
  return { monthRows, dayRows, events };
}

const HOUR = 'sales_count, completed_count, completed_total, gross_sales, discounts, tax, revenue, refunds';

function hourRows(s: Split, head: string, months: boolean) {
  const src = sources(s, 'hour', `d.date, d.hour, ${HOUR}`, months);
  return `with ${src.events},
    h as (
      ${src.monthRows} union all ${src.dayRows}
      union all
      select m.local_at::date, extract(hour from m.local_at)::int, m.sign, (m.sign = 1)::int,
        case when m.sign = 1 then m.total_amount else 0 end, m.sign * m.subtotal, m.sign * m.discount_amount, m.sign * m.tax_amount,
        m.sign * m.total_amount, 0 from moved m
      union all
      select r.local_at::date, extract(hour from r.local_at)::int, 0, 0, 0, 0, 0, 0, 0, r.amount from refunded r
    ) ${head}`;
}

const salesBy = (s: Split, unit: 'day' | 'month') =>
  hourRows(
    s,
    `select to_char(date_trunc('${unit}', h.date::timestamp), 'YYYY-MM-DD') as period, sum(h.sales_count)::int as sales_count,
      sum(h.gross_sales) as gross_sales, sum(h.discounts) as discounts, sum(h.tax) as tax, sum(h.revenue) as revenue,
      sum(h.refunds) as refunds, sum(h.revenue) - sum(h.refunds) as net_revenue,
      sum(h.completed_total) / nullif(sum(h.completed_count), 0) as average_basket
    from h group by 1 order by 1`,
    unit === 'month',
  );

function productRows(s: Split, head: string) {
  const src = sources(s, 'product', 'd.product_id, d.quantity, d.revenue, d.net_revenue, d.cogs', true);
  return `with ${src.events},
    l as (
      ${src.monthRows} union all ${src.dayRows}
      union all
      select i.product_id, m.sign * i.quantity, m.sign * i.line_total, m.sign * (i.line_total - i.tax_amount), m.sign * coalesce(i.cost_amount, 0)
      from moved m join sale_items i on i.sale_id = m.id and i.tenant_id = m.tenant_id
      union all
      select coalesce(i.product_id, (e->>'productId')::uuid), -(e->>'quantity')::int, -(e->>'amount')::numeric,
        -((e->>'amount')::numeric - case when i.id is null then coalesce((e->>'taxAmount')::numeric, 0)
          else coalesce(money_round((e->>'amount')::numeric * i.tax_amount / nullif(i.line_total, 0), 2, false), 0) end),
        -case when i.id is null then coalesce((e->>'costAmount')::numeric, 0) else round(coalesce(i.cost_amount, 0) * (e->>'quantity')::int / i.quantity, 4) end
      from refunded r cross join lateral jsonb_array_elements(r.items) e left join sale_items i on i.id = (e->>'saleItemId')::uuid and i.tenant_id = r.tenant_id
    ),
    pp as (select l.product_id, sum(l.quantity) as quantity, sum(l.revenue) as revenue, sum(l.net_revenue) as net, sum(l.cogs) as cogs
      from l group by 1)
    ${head}`;
}

const category = `coalesce(nullif(p.category, ''), 'Uncategorized')`;

/** Each report's hand-written statement over a split (a USD, HALF_UP tenant: the bench's). */
export const HAND_WRITTEN: Record<string, (s: Split) => string> = {
  salesDay: (s) => salesBy(s, 'day'),
  salesMonth: (s) => salesBy(s, 'month'),
  payments: (s) => {
    const src = sources(s, 'payment', 'd.method, d.payment_count, d.amount, d.refunds', true);
    return `with ${src.events},
      p as (
        ${src.monthRows} union all ${src.dayRows}
        union all
        select y.method::text, m.sign, m.sign * y.amount, 0 from moved m join sale_payments y on y.sale_id = m.id and y.tenant_id = m.tenant_id
        where y.status in ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
        union all select r.method::text, 0, 0, r.amount from refunded r
      )
      select method, sum(payment_count)::int as payment_count, sum(amount) as amount, sum(refunds) as refunds,
        sum(amount) - sum(refunds) as net
      from p group by 1 order by 1`;
  },
  topProducts: (s) =>
    productRows(
      s,
      `select p.id as product_id, p.sku, p.name, p.category, pp.quantity::int as quantity, pp.revenue
       from pp join products p on p.id = pp.product_id order by pp.revenue desc, pp.quantity desc, p.sku limit 10`,
    ),
  categories: (s) =>
    productRows(
      s,
      `select ${category} as category, sum(pp.quantity)::int as quantity, sum(pp.revenue) as revenue, count(*)::int as product_count
       from pp join products p on p.id = pp.product_id group by 1 order by revenue desc, 1`,
    ),
  cashiers: (s) => {
    const cols =
      'd.cashier_id, d.sales_count, d.completed_total, d.revenue, d.void_count, d.void_amount, d.discounts_given, d.refund_count, d.refund_amount';
    const src = sources(s, 'cashier', cols, true);
    return `with ${src.events},
      c as (
        ${src.monthRows} union all ${src.dayRows}
        union all
        select m.cashier_id, (m.sign = 1)::int, case when m.sign = 1 then m.total_amount else 0 end, m.sign * m.total_amount,
          (m.sign = -1)::int, case when m.sign = -1 then m.total_amount else 0 end, m.sign * m.discount_amount, 0, 0
        from moved m where m.cashier_id is not null
        union all select r.processed_by_id, 0, 0, 0, 0, 0, 0, 1, r.amount from refunded r where r.processed_by_id is not null
      ),
      per as (select cashier_id, sum(sales_count) as n, sum(completed_total) as done, sum(revenue) as revenue, sum(void_count) as voids,
        sum(void_amount) as voided, sum(discounts_given) as discounts, sum(refund_count) as refunds, sum(refund_amount) as refunded
        from c group by 1)
      select u.id as cashier_id, u.name as cashier_name, u.email as cashier_email, per.n::int as sales_count, per.revenue,
        per.done / nullif(per.n, 0) as average_basket, per.voids::int as void_count, per.voided as void_amount,
        per.refunds::int as refund_count, per.refunded as refund_amount, per.discounts as discounts_given
      from per join users u on u.id = per.cashier_id order by per.revenue desc, u.email`;
  },
  hourly: (s) =>
    hourRows(
      s,
      `, b as (select h.hour, sum(h.sales_count) as n, sum(h.revenue) as revenue, sum(h.completed_total) as done,
          sum(h.completed_count) as completed from h group by 1)
      select x.hour, coalesce(b.n, 0)::int as sales_count, coalesce(b.revenue, 0) as revenue, b.done / nullif(b.completed, 0) as average_basket
      from generate_series(0, 23) x(hour) left join b on b.hour = x.hour order by x.hour`,
      true,
    ),
  marginProduct: (s) =>
    productRows(
      s,
      `select p.id::text as key, max(p.name) as name, sum(pp.net) as revenue, sum(pp.cogs) as cogs
       from pp join products p on p.id = pp.product_id group by 1 order by 1`,
    ),
  marginCategory: (s) =>
    productRows(
      s,
      `select ${category} as key, ${category} as name, sum(pp.net) as revenue, sum(pp.cogs) as cogs
       from pp join products p on p.id = pp.product_id group by 1 order by 1`,
    ),
};
