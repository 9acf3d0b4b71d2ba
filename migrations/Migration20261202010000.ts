import { Migration } from '@mikro-orm/migrations';

/*
 * Returns without a receipt (docs/returns.md): a refund may have no sale, so it
 * names the location where it happened (the location whose stock it restocked
 * and whose reports count it) and the customer whose store credit it went to
 * (the approver's column comes with Migration20261202010151). Existing refunds
 * happened at their sale's location.
 */
export class Migration20261202010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sale_refunds" alter column "sale_id" drop not null;`);
    this.addSql(`alter table "sale_refunds" add column "location_id" uuid null, add column "customer_id" uuid null;`);
    this.addSql(`update "sale_refunds" r set "location_id" = s."location_id" from "sales" s where s."id" = r."sale_id";`);
    this.addSql(`alter table "sale_refunds" alter column "location_id" set not null;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "sale_refunds_tenant_id_location_id_processed_at_index" on "sale_refunds" ("tenant_id", "location_id", "processed_at");`);
    // The BI view shows where a refund happened (columns appended: create or replace keeps the old ones).
    this.addSql(`create or replace view reporting.refunds with (security_barrier = true) as
      select r.id, r.refund_number, r.sale_id, r.amount, r.method, r.status, r.reason, r.items, r.session_id, r.processed_at, r.processed_by_id,
        r.location_id, r.approved_by_id
      from public.sale_refunds r where r.tenant_id = (select b.tenant_id from reporting_access.bi_roles b where b.role_name = current_user);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view reporting.refunds;`);
    this.addSql(`create view reporting.refunds with (security_barrier = true) as
      select r.id, r.refund_number, r.sale_id, r.amount, r.method, r.status, r.reason, r.items, r.session_id, r.processed_at, r.processed_by_id
      from public.sale_refunds r where r.tenant_id = (select b.tenant_id from reporting_access.bi_roles b where b.role_name = current_user);`);
    this.addSql(`drop index "sale_refunds_tenant_id_location_id_processed_at_index";`);
    this.addSql(`alter table "sale_refunds" drop column "location_id", drop column "customer_id";`);
    this.addSql(`delete from "sale_refunds" where "sale_id" is null;`);
    this.addSql(`alter table "sale_refunds" alter column "sale_id" set not null;`);
  }
}
