import { Migration } from '@mikro-orm/migrations';

/*
 * The `reporting` schema for BI tools (docs/reports.md, "Direct SQL for BI
 * tools"). Hand-written: views, not entities. Every view is a
 * security_barrier view owned by the migrating role that shows the rows of
 * ONE tenant: the tenant bound to the connected role in
 * reporting_access.bi_roles (written by `npm run bi:grant`). A role that is
 * not bound sees no rows. BI roles get SELECT on these views only; the
 * tables, the binding table and the app's own role are untouched (no row
 * level security on the tables, so the app pays nothing).
 */
const TENANT = `(select b.tenant_id from reporting_access.bi_roles b where b.role_name = current_user)`;

const VIEWS: Array<[string, string]> = [
  ['locations', `select l.id, l.name, l.code, l.timezone, l.is_active from public.locations l where l.tenant_id = ${TENANT}`],
  ['products', `select p.id, p.sku, p.barcode, p.name, p.category, p.price, p.cost_price, p.tax_rate, p.is_active
    from public.products p where p.tenant_id = ${TENANT}`],
  ['cashiers', `select u.id, u.name, u.roles, u.is_active from public.users u where u.tenant_id = ${TENANT}`],
  ['sales', `select s.id, s.sale_number, s.status, s.location_id, s.terminal_id, s.session_id, s.cashier_id, s.customer_id,
      s.subtotal, s.discount_amount, s.tax_amount, s.total_amount, s.rounding_adjustment, s.paid_amount, s.change_amount,
      s.created_at, s.completed_at, s.voided_at, s.void_reason
    from public.sales s where s.tenant_id = ${TENANT} and s.completed_at is not null`],
  ['sale_lines', `select i.id, i.sale_id, i.line_no, i.product_id, i.product_sku, i.product_name, i.quantity, i.unit_price, i.discount_amount,
      i.tax_rate, i.tax_amount, i.line_total, i.unit_cost, i.cost_amount
    from public.sale_items i join public.sales s on s.id = i.sale_id and s.tenant_id = i.tenant_id
    where i.tenant_id = ${TENANT} and s.completed_at is not null`],
  ['payments', `select p.id, p.sale_id, p.session_id, p.method, p.status, p.amount, p.received_amount, p.change_given, p.refunded_amount,
      p.processed_at, p.processed_by_id, p.voided_at
    from public.sale_payments p where p.tenant_id = ${TENANT}`],
  ['refunds', `select r.id, r.refund_number, r.sale_id, r.amount, r.method, r.status, r.reason, r.items, r.session_id, r.processed_at, r.processed_by_id
    from public.sale_refunds r where r.tenant_id = ${TENANT}`],
  ['sessions', `select s.id, s.session_number, s.terminal_id, s.status, s.opened_at, s.closed_at, s.opening_balance, s.closing_balance,
      s.expected_balance, s.variance, s.opened_by_id, s.closed_by_id, s.needs_reconciliation
    from public.pos_sessions s where s.tenant_id = ${TENANT}`],
  ['daily_sales_summaries', `select d.date, d.location_id, d.total_sales, d.total_revenue, d.total_cogs, d.total_discount, d.total_tax,
      d.total_refunds, d.cash_total, d.card_total, d.other_total, d.updated_at
    from public.daily_sales_summaries d where d.tenant_id = ${TENANT}`],
  ['daily_product_summaries', `select d.date, d.location_id, d.product_id, d.quantity, d.revenue, d.net_revenue, d.cogs, d.updated_at
    from public.daily_product_summaries d where d.tenant_id = ${TENANT}`],
  ['daily_payment_summaries', `select d.date, d.location_id, d.method, d.payment_count, d.amount, d.refunds, d.updated_at
    from public.daily_payment_summaries d where d.tenant_id = ${TENANT}`],
  ['daily_cashier_summaries', `select d.date, d.location_id, d.cashier_id, d.sales_count, d.completed_total, d.revenue, d.void_count,
      d.void_amount, d.discounts_given, d.refund_count, d.refund_amount, d.updated_at
    from public.daily_cashier_summaries d where d.tenant_id = ${TENANT}`],
  ['daily_hour_summaries', `select d.date, d.location_id, d.hour, d.sales_count, d.completed_count, d.completed_total, d.gross_sales,
      d.discounts, d.tax, d.revenue, d.refunds, d.updated_at
    from public.daily_hour_summaries d where d.tenant_id = ${TENANT}`],
];

export class Migration20261201213000 extends Migration {
  override async up(): Promise<void> {
    // reporting_access.bi_roles is the BiRole entity's table (the migration before this one).
    this.addSql(`revoke all on schema reporting_access from public;`);
    this.addSql(`create schema if not exists reporting;`);
    this.addSql(`revoke all on schema reporting from public;`);
    for (const [name, sql] of VIEWS) {
      this.addSql(`create view reporting.${name} with (security_barrier = true) as ${sql};`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists reporting cascade;`);
  }
}
