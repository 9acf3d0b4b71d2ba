import { Migration } from '@mikro-orm/migrations';

/*
 * The monthly rollups (Migration20261202080129) in the `reporting` schema for
 * BI tools, made like the daily summaries' views (Migration20261201213000):
 * security_barrier, the bound tenant's rows, the daily view's columns. bi:grant
 * grants SELECT on the views that exist when it runs, so the roles it made
 * before this migration get these views here.
 */
const TENANT = `(select b.tenant_id from reporting_access.bi_roles b where b.role_name = current_user)`;

const VIEWS: Array<[grain: string, columns: string[]]> = [
  ['product', ['product_id', 'quantity', 'revenue', 'net_revenue', 'cogs']],
  ['payment', ['method', 'payment_count', 'amount', 'refunds']],
  ['cashier', ['cashier_id', 'sales_count', 'completed_total', 'revenue', 'void_count', 'void_amount', 'discounts_given', 'refund_count', 'refund_amount']],
  ['hour', ['hour', 'sales_count', 'completed_count', 'completed_total', 'gross_sales', 'discounts', 'tax', 'revenue', 'refunds']],
];
const NAMES = VIEWS.map(([grain]) => `reporting.monthly_${grain}_summaries`);

export class Migration20261203111357 extends Migration {
  override async up(): Promise<void> {
    for (const [grain, columns] of VIEWS) {
      this.addSql(`create view reporting.monthly_${grain}_summaries with (security_barrier = true) as
        select d.date, d.location_id, ${columns.map((c) => `d.${c}`).join(', ')}, d.updated_at
        from public.monthly_${grain}_summaries d where d.tenant_id = ${TENANT};`);
    }
    // A binding whose role was dropped (docs/reports.md: drop owned by, drop role) stays behind: skip it.
    this.addSql(`do $$ declare r record; begin
      for r in select b.role_name from reporting_access.bi_roles b join pg_roles p on p.rolname = b.role_name loop
        execute format('grant select on ${NAMES.join(', ')} to %I', r.role_name);
      end loop;
    end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view if exists ${NAMES.join(', ')};`);
  }
}
