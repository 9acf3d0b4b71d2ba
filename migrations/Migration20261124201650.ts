import { Migration } from '@mikro-orm/migrations';

export class Migration20261124201650 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "eod_reports" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "location_id" uuid not null, "date" date not null, "report" jsonb null, "recipients" text[] null, "sent_at" timestamptz null, constraint "eod_reports_pkey" primary key ("id"));`);
    this.addSql(`create index "eod_reports_tenant_id_index" on "eod_reports" ("tenant_id");`);
    this.addSql(`alter table "eod_reports" add constraint "eod_reports_tenant_location_date_unique" unique ("tenant_id", "location_id", "date");`);

    this.addSql(`create table "daily_sales_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "total_sales" int not null default 0, "total_revenue" numeric(15,4) not null, "total_cogs" numeric(15,4) not null, "total_discount" numeric(15,4) not null, "total_tax" numeric(15,4) not null, "total_refunds" numeric(15,4) not null, "cash_total" numeric(15,4) not null, "card_total" numeric(15,4) not null, "other_total" numeric(15,4) not null, "updated_at" timestamptz not null default now(), constraint "daily_sales_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "daily_sales_summaries_tenant_id_index" on "daily_sales_summaries" ("tenant_id");`);
    this.addSql(`alter table "daily_sales_summaries" add constraint "daily_sales_summaries_date_location_tenant_unique" unique ("date", "location_id", "tenant_id");`);

    this.addSql(`alter table "eod_reports" add constraint "eod_reports_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "eod_reports" add constraint "eod_reports_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "daily_sales_summaries" add constraint "daily_sales_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "daily_sales_summaries" add constraint "daily_sales_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "pos_sessions" add column "needs_reconciliation" boolean not null default false;`);

    this.addSql(`create index "sales_report_voided_index" on "sales" ("tenant_id", "voided_at", "location_id") where "voided_at" is not null and "completed_at" is not null;`);
    this.addSql(`create index "sales_report_completed_index" on "sales" ("tenant_id", "completed_at", "location_id") where "completed_at" is not null;`);

    this.addSql(`create index "sale_items_report_index" on "sale_items" ("sale_id") include ("product_id", "quantity", "line_total", "tax_amount", "discount_amount", "cost_amount");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "eod_reports" cascade;`);

    this.addSql(`drop table if exists "daily_sales_summaries" cascade;`);

    this.addSql(`alter table "pos_sessions" drop column "needs_reconciliation";`);

    this.addSql(`drop index "sale_items_report_index";`);

    this.addSql(`drop index "sales_report_voided_index";`);
    this.addSql(`drop index "sales_report_completed_index";`);
  }

}
