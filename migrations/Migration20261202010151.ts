import { Migration } from '@mikro-orm/migrations';

/** Who approved a void, a refund and a price override (docs/approvals.md). */
export class Migration20261202010151 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "sales" add column "void_approved_by_id" uuid null;`);
    this.addSql(`alter table "sales" add constraint "sales_void_approved_by_id_foreign" foreign key ("void_approved_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sale_refunds" add column "approved_by_id" uuid null;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_approved_by_id_foreign" foreign key ("approved_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sale_items" add column "price_override_reason" varchar(255) null, add column "price_override_approved_by_id" uuid null;`);
    this.addSql(`alter table "sale_items" add constraint "sale_items_price_override_approved_by_id_foreign" foreign key ("price_override_approved_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sale_items" drop constraint "sale_items_price_override_approved_by_id_foreign";`);
    this.addSql(`alter table "sale_refunds" drop constraint "sale_refunds_approved_by_id_foreign";`);
    this.addSql(`alter table "sales" drop constraint "sales_void_approved_by_id_foreign";`);

    this.addSql(`alter table "sale_items" drop column "price_override_reason", drop column "price_override_approved_by_id";`);
    this.addSql(`alter table "sale_refunds" drop column "approved_by_id";`);
    this.addSql(`alter table "sales" drop column "void_approved_by_id";`);
  }

}
