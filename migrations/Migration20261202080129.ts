import { Migration } from '@mikro-orm/migrations';

/*
 * Monthly rollups of the four report summaries (docs/reports.md, "Monthly
 * rollups"): the same columns as each daily_* table, one row per (tenant,
 * location, 1st of the local month, key), the sums of that month's day rows.
 * Existing day rows are rolled up here, so reports over whole months are
 * right from the first deployment on.
 */
const ROLLUPS: Array<[grain: string, key: string, counts: string[], sums: string[]]> = [
  ['product', 'product_id', ['quantity'], ['revenue', 'net_revenue', 'cogs']],
  ['payment', 'method', ['payment_count'], ['amount', 'refunds']],
  ['hour', 'hour', ['sales_count', 'completed_count'], ['completed_total', 'gross_sales', 'discounts', 'tax', 'revenue', 'refunds']],
  ['cashier', 'cashier_id', ['sales_count', 'void_count', 'refund_count'], ['completed_total', 'revenue', 'void_amount', 'discounts_given', 'refund_amount']],
];

export class Migration20261202080129 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "monthly_product_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "product_id" uuid not null, "quantity" int not null default 0, "revenue" numeric(15,4) not null, "net_revenue" numeric(15,4) not null, "cogs" numeric(15,4) not null, constraint "monthly_product_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "monthly_product_summaries_tenant_id_index" on "monthly_product_summaries" ("tenant_id");`);
    this.addSql(`alter table "monthly_product_summaries" add constraint "monthly_product_summaries_key" unique ("tenant_id", "date", "location_id", "product_id");`);

    this.addSql(`create table "monthly_payment_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "method" varchar(30) not null, "payment_count" int not null default 0, "amount" numeric(15,4) not null, "refunds" numeric(15,4) not null, constraint "monthly_payment_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "monthly_payment_summaries_tenant_id_index" on "monthly_payment_summaries" ("tenant_id");`);
    this.addSql(`alter table "monthly_payment_summaries" add constraint "monthly_payment_summaries_key" unique ("tenant_id", "date", "location_id", "method");`);

    this.addSql(`create table "monthly_hour_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "hour" smallint not null, "sales_count" int not null default 0, "completed_count" int not null default 0, "completed_total" numeric(15,4) not null, "gross_sales" numeric(15,4) not null, "discounts" numeric(15,4) not null, "tax" numeric(15,4) not null, "revenue" numeric(15,4) not null, "refunds" numeric(15,4) not null, constraint "monthly_hour_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "monthly_hour_summaries_tenant_id_index" on "monthly_hour_summaries" ("tenant_id");`);
    this.addSql(`alter table "monthly_hour_summaries" add constraint "monthly_hour_summaries_key" unique ("tenant_id", "date", "location_id", "hour");`);

    this.addSql(`create table "monthly_cashier_summaries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "date" date not null, "location_id" uuid not null, "updated_at" timestamptz not null default now(), "cashier_id" uuid not null, "sales_count" int not null default 0, "completed_total" numeric(15,4) not null, "revenue" numeric(15,4) not null, "void_count" int not null default 0, "void_amount" numeric(15,4) not null, "discounts_given" numeric(15,4) not null, "refund_count" int not null default 0, "refund_amount" numeric(15,4) not null, constraint "monthly_cashier_summaries_pkey" primary key ("id"));`);
    this.addSql(`create index "monthly_cashier_summaries_tenant_id_index" on "monthly_cashier_summaries" ("tenant_id");`);
    this.addSql(`alter table "monthly_cashier_summaries" add constraint "monthly_cashier_summaries_key" unique ("tenant_id", "date", "location_id", "cashier_id");`);

    this.addSql(`alter table "monthly_product_summaries" add constraint "monthly_product_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "monthly_product_summaries" add constraint "monthly_product_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);
    this.addSql(`alter table "monthly_product_summaries" add constraint "monthly_product_summaries_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade;`);

    this.addSql(`alter table "monthly_payment_summaries" add constraint "monthly_payment_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "monthly_payment_summaries" add constraint "monthly_payment_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "monthly_hour_summaries" add constraint "monthly_hour_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "monthly_hour_summaries" add constraint "monthly_hour_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "monthly_cashier_summaries" add constraint "monthly_cashier_summaries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "monthly_cashier_summaries" add constraint "monthly_cashier_summaries_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);
    this.addSql(`alter table "monthly_cashier_summaries" add constraint "monthly_cashier_summaries_cashier_id_foreign" foreign key ("cashier_id") references "users" ("id") on update cascade;`);

    for (const [grain, key, counts, sums] of ROLLUPS) {
      const cols = [...counts, ...sums];
      this.addSql(`insert into "monthly_${grain}_summaries" (id, tenant_id, location_id, date, ${key}, ${cols.join(', ')})
        select gen_random_uuid(), tenant_id, location_id, date_trunc('month', date)::date, ${key}, ${[...counts.map((c) => `sum(${c})::int`), ...sums.map((c) => `sum(${c})`)].join(', ')}
        from "daily_${grain}_summaries" group by tenant_id, location_id, date_trunc('month', date)::date, ${key};`);
    }
  }

  override async down(): Promise<void> {
    for (const [grain] of ROLLUPS) this.addSql(`drop table if exists "monthly_${grain}_summaries" cascade;`);
  }

}
