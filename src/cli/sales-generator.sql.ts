/**
 * The generator's bulk statements (sales-generator.ts). `tag` marks one
 * run's rows (codes, skus, e-mails, numbers), so runs never collide and each
 * statement finds only its own run's locations, products and cashiers.
 */

const CATEGORIES = [
  'Beverages',
  'Bakery',
  'Dairy',
  'Produce',
  'Snacks',
  'Household',
  'Frozen',
  'Deli',
  'Health',
  'Toys',
];

/** Product number g's category, round robin. */
const CATEGORY_OF_G = `(array[${CATEGORIES.map((c) => `'${c}'`).join(', ')}])[1 + g % ${CATEGORIES.length}]`;

/** One location per zone. */
export const insertLocation = `
  insert into locations (id, tenant_id, name, code, timezone, is_active) values (gen_random_uuid(), :tenant, :name, :code, :zone, true)`;

/** One terminal per generated location (`:codes`: the run's location codes, a LIKE pattern). */
export const insertTerminals = `
  insert into pos_terminals (id, tenant_id, name, code, is_active, location_id, updated_at)
  select gen_random_uuid(), l.tenant_id, 'Register ' || l.code, l.code || 'T', true, l.id, now()
  from locations l where l.tenant_id = :tenant and l.code like :codes`;

/** The catalogue, prices 1-100 and three tax rates. */
export const insertProducts = (tag: string) => `
  insert into products (id, tenant_id, sku, name, category, price, cost_price, tax_rate, is_active, updated_at)
  select gen_random_uuid(), :tenant, 'G${tag}-' || g, 'Product ' || g, ${CATEGORY_OF_G},
    p.price, round(p.price * 0.6, 2),
    (array[0, 0.07, 0.19])[1 + g % 3], true, now()
  from generate_series(1, :count) g cross join lateral (select round((1 + random() * 99)::numeric, 2) + 0 * g as price) p`;

/** Cashiers that cannot log in. */
export const insertCashiers = (tag: string) => `
  insert into users (id, tenant_id, email, name, password_hash, roles, is_active)
  select gen_random_uuid(), :tenant, 'gen-${tag.toLowerCase()}-' || g || '@example.test', 'Cashier ' || g, 'generated: no login', array['CASHIER'], true
  from generate_series(1, :count) g`;

/** The batch's sales (temp table): location, terminal, cashier, local time, kind (SALE / VOID / REFUND) and method drawn at random. */
export const createGeneratedSales = `
  create temp table gen_sales on commit drop as
  with ref as (
    select array_agg(l.id order by l.code) as locs, array_agg(l.timezone order by l.code) as tzs,
      array_agg(pt.id order by l.code) as terms
    from locations l join pos_terminals pt on pt.location_id = l.id and pt.tenant_id = l.tenant_id
    where l.tenant_id = :tenant and l.code like :codes
  ),
  cashiers as (select array_agg(id) as ids from users where tenant_id = :tenant and email like :emails),
  picks as (
    select g, 1 + floor(random() * cardinality(ref.locs))::int as li, random() as r_time, random() as r_kind, random() as r_pay,
      floor(random() * :days)::int as day_index, ref.locs, ref.tzs, ref.terms, cashiers.ids
    from generate_series(1, :count) g, ref, cashiers
  )
  select gen_random_uuid() as id, :made + g as seq, locs[li] as location_id, terms[li] as terminal_id,
    ids[1 + floor(random() * cardinality(ids))::int] as cashier_id,
    ((:endDate::date - day_index) + case when r_time < :nearMidnight then interval '23 hours 45 minutes' + random() * interval '30 minutes'
       else interval '8 hours' + random() * interval '14 hours' end) at time zone tzs[li] as completed_at,
    case when r_kind < :voids then 'VOID' when r_kind < :voidsAndRefunds then 'REFUND' else 'SALE' end as kind,
    case when r_pay < 0.5 then 'CASH' when r_pay < 0.9 then 'CARD' else 'MOBILE_WALLET' end as method,
    1 + floor(random() * 6)::int as n_lines
  from picks`;

/** The batch's lines (temp table) with exclusive tax and a 10 % discount on one line in ten. */
export const createGeneratedItems = `
  create temp table gen_items on commit drop as
  with prods as (select array_agg(id order by sku) as ids from products where tenant_id = :tenant and sku like :skus)
  select gen_random_uuid() as id, s.id as sale_id, k as line_no, pr.id as product_id, pr.name, pr.sku, pr.price, pr.cost_price, pr.tax_rate,
    q.quantity, d.discount, x.tax, pr.price * q.quantity - d.discount + x.tax as line_total
  from gen_sales s cross join prods
  cross join lateral generate_series(1, s.n_lines) k
  cross join lateral (select prods.ids[1 + floor(random() * cardinality(prods.ids))::int] as pid, 1 + floor(random() * 3)::int as quantity,
    case when random() < 0.1 then 10 else 0 end as discount_pct, k as kk) q
  join products pr on pr.id = q.pid and pr.tenant_id = :tenant
  cross join lateral (select round(pr.price * q.quantity * q.discount_pct / 100, 2) as discount) d
  cross join lateral (select round((pr.price * q.quantity - d.discount) * pr.tax_rate, 2) as tax) x`;

/** Sales with totals summed from their lines. */
export const insertSales = (tag: string) => `
  insert into sales (id, tenant_id, sale_number, subtotal, discount_amount, tax_amount, total_amount, paid_amount, change_amount,
    rounding_adjustment, status, payment_method, location_id, terminal_id, cashier_id, version, updated_at, created_at, completed_at,
    voided_at, voided_by_id, void_reason)
  select s.id, :tenant, 'G${tag}-' || lpad(s.seq::text, 9, '0'), a.subtotal, a.discount, a.tax, a.total, a.total, 0, 0,
    (case s.kind when 'VOID' then 'VOIDED' when 'REFUND' then case when s.n_lines = 1 then 'REFUNDED' else 'PARTIALLY_REFUNDED' end
      else 'COMPLETED' end)::sale_status,
    s.method::payment_method, s.location_id, s.terminal_id, s.cashier_id, 1, s.completed_at, s.completed_at - interval '3 minutes',
    s.completed_at, v.voided_at, case when s.kind = 'VOID' then s.cashier_id end, case when s.kind = 'VOID' then 'Generated void' end
  from gen_sales s
  join (select sale_id, sum(price * quantity) as subtotal, sum(discount) as discount, sum(tax) as tax, sum(line_total) as total
    from gen_items group by sale_id) a on a.sale_id = s.id
  cross join lateral (select case when s.kind = 'VOID' then s.completed_at + random() * interval '40 minutes' end as voided_at) v`;

/** Sale lines. */
export const insertSaleItems = `
  insert into sale_items (id, tenant_id, sale_id, line_no, product_id, quantity, unit_price, unit_cost, cost_amount,
    discount_amount, tax_rate, tax_amount, line_total, product_name, product_sku, created_at)
  select i.id, :tenant, i.sale_id, i.line_no, i.product_id, i.quantity, i.price, i.cost_price, i.cost_price * i.quantity,
    i.discount, i.tax_rate, i.tax, i.line_total, i.name, i.sku, now()
  from gen_items i`;

/** One taken payment per sale, refunded where the sale was. */
export const insertSalePayments = `
  insert into sale_payments (id, tenant_id, sale_id, method, status, amount, received_amount, change_given, refunded_amount,
    processed_at, processed_by_id, voided_at, created_at)
  select gen_random_uuid(), :tenant, s.id, s.method::payment_method,
    (case when s.kind = 'SALE' then 'COMPLETED' when s.kind = 'VOID' then 'REFUNDED'
      when s.n_lines = 1 then 'REFUNDED' else 'PARTIALLY_REFUNDED' end)::payment_status,
    x.total_amount, case when s.method = 'CASH' then x.total_amount end, case when s.method = 'CASH' then 0 end,
    case when s.kind = 'REFUND' then r.line_total else 0 end, s.completed_at, s.cashier_id, x.voided_at, s.completed_at
  from gen_sales s join sales x on x.id = s.id and x.tenant_id = :tenant
  left join gen_items r on r.sale_id = s.id and r.line_no = 1 and s.kind = 'REFUND'`;

/** Refunds of one whole line within six days. */
export const insertSaleRefunds = (tag: string) => `
  insert into sale_refunds (id, tenant_id, refund_number, sale_id, location_id, amount, method, status, reason, items, processed_at,
    processed_by_id, created_at)
  select gen_random_uuid(), :tenant, 'G${tag}-R' || lpad(s.seq::text, 9, '0'), s.id, s.location_id, i.line_total, s.method::payment_method, 'COMPLETED',
    'Generated return',
    jsonb_build_array(jsonb_build_object('saleItemId', i.id, 'quantity', i.quantity, 'amount', i.line_total::text, 'returnToStock', true)),
    p.at, s.cashier_id, p.at
  from gen_sales s join gen_items i on i.sale_id = s.id and i.line_no = 1
  cross join lateral (select least(s.completed_at + random() * interval '6 days', now()) as at) p
  where s.kind = 'REFUND'`;

/** Statistics for the temp tables, so the inserts from them get sound plans. */
export const ANALYZE_GENERATED = 'analyze gen_sales; analyze gen_items';

/** Fresh statistics and visibility map after a run: reports can then use index-only scans on the new rows. */
export const VACUUM_ANALYZE_SALES_TABLES = ['sales', 'sale_items', 'sale_payments', 'sale_refunds'].map(
  (table) => `vacuum analyze ${table}`,
);

export const COUNT_GENERATED_ITEMS = 'select count(*) as count from gen_items';
