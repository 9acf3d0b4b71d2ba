import { Migration } from '@mikro-orm/migrations';

export class Migration20261201203052 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "daily_product_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "product_id" uuid not null, "quantity" int not null default 0, "revenue" numeric(15,4) not null, "net_revenue" numeric(15,4) not null, "cogs" numeric(15,4) not null, constraint "daily_product_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "daily_product_summaries_tenant_id_index" on "daily_product_summaries" ("tenant_id");`);
    this.addSql(`alter table "daily_product_summaries" add constraint "daily_product_summaries_key" unique ("tenant_id", "date", "location_id", "product_id");`);

    this.addSql(`create table "daily_payment_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "method" varchar(30) not null, "payment_count" int not null default 0, "amount" numeric(15,4) not null, "refunds" numeric(15,4) not null, constraint "daily_payment_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "daily_payment_summaries_tenant_id_index" on "daily_payment_summaries" ("tenant_id");`);
    this.addSql(`alter table "daily_payment_summaries" add constraint "daily_payment_summaries_key" unique ("tenant_id", "date", "location_id", "method");`);

    this.addSql(`create table "daily_hour_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "hour" smallint not null, "sales_count" int not null default 0, "completed_count" int not null default 0, "completed_total" numeric(15,4) not null, "gross_sales" numeric(15,4) not null, "discounts" numeric(15,4) not null, "tax" numeric(15,4) not null, "revenue" numeric(15,4) not null, "refunds" numeric(15,4) not null, constraint "daily_hour_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "daily_hour_summaries_tenant_id_index" on "daily_hour_summaries" ("tenant_id");`);
    this.addSql(`alter table "daily_hour_summaries" add constraint "daily_hour_summaries_key" unique ("tenant_id", "date", "location_id", "hour");`);

    this.addSql(`create table "daily_cashier_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "cashier_id" uuid not null, "sales_count" int not null default 0, "completed_total" numeric(15,4) not null, "revenue" numeric(15,4) not null, "void_count" int not null default 0, "void_amount" numeric(15,4) not null, "discounts_given" numeric(15,4) not null, "refund_count" int not null default 0, "refund_amount" numeric(15,4) not null, constraint "daily_cashier_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "daily_cashier_summaries_tenant_id_index" on "daily_cashier_summaries" ("tenant_id");`);
    this.addSql(`alter table "daily_cashier_summaries" add constraint "daily_cashier_summaries_key" unique ("tenant_id", "date", "location_id", "cashier_id");`);

    this.addSql(`alter table "daily_product_summaries" add constraint "daily_product_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "daily_product_summaries" add constraint "daily_product_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);
    this.addSql(`alter table "daily_product_summaries" add constraint "daily_product_summaries_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade;`);

    this.addSql(`alter table "daily_payment_summaries" add constraint "daily_payment_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "daily_payment_summaries" add constraint "daily_payment_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "daily_hour_summaries" add constraint "daily_hour_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "daily_hour_summaries" add constraint "daily_hour_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "daily_cashier_summaries" add constraint "daily_cashier_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "daily_cashier_summaries" add constraint "daily_cashier_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);
    this.addSql(`alter table "daily_cashier_summaries" add constraint "daily_cashier_summaries_cashier_id_foreign" foreign key ("cashier_id") references "users" ("id") on update cascade;`);

    this.addSql(`create index "sale_refunds_processed_index" on "sale_refunds" ("tenant_id", "processed_at");`);
    // Rounds to a currency's minor unit in the tenant's mode (docs/money.md): HALF_UP is numeric round() (away from zero).
    this.addSql(`create or replace function money_round(v numeric, digits int, half_even boolean) returns numeric
      language sql immutable parallel safe as $$
        select case when half_even and abs(k.x - trunc(k.x)) = 0.5
          then round((trunc(k.x) + case when mod(trunc(k.x), 2) = 0 then 0 else sign(k.x) end) / k.s, digits)
          else round(v, digits) end
        from (select v * (10::numeric ^ digits) as x, 10::numeric ^ digits as s) k
      $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists money_round(numeric, int, boolean);`);
    this.addSql(`drop table if exists "daily_product_summaries" cascade;`);

    this.addSql(`drop table if exists "daily_payment_summaries" cascade;`);

    this.addSql(`drop table if exists "daily_hour_summaries" cascade;`);

    this.addSql(`drop table if exists "daily_cashier_summaries" cascade;`);

    this.addSql(`drop index "sale_refunds_processed_index";`);
  }

}
