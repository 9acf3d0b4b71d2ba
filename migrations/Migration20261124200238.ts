import { Migration } from '@mikro-orm/migrations';

export class Migration20261124200238 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "sale_status" as enum ('DRAFT', 'PENDING', 'COMPLETED', 'PARTIALLY_PAID', 'VOIDED', 'REFUNDED', 'PARTIALLY_REFUNDED');`);
    this.addSql(`create type "payment_method" as enum ('CASH', 'CARD', 'MOBILE_WALLET', 'BANK_TRANSFER', 'CREDIT', 'SPLIT');`);
    this.addSql(`create type "discount_type" as enum ('PERCENTAGE', 'FIXED_AMOUNT');`);
    this.addSql(`create table "sales" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "sale_number" varchar(50) null, "subtotal" numeric(15,4) not null, "discount_amount" numeric(15,4) not null, "tax_amount" numeric(15,4) not null, "total_amount" numeric(15,4) not null, "paid_amount" numeric(15,4) not null, "change_amount" numeric(15,4) not null, "rounding_adjustment" numeric(15,4) not null, "status" "sale_status" not null default 'DRAFT', "payment_method" "payment_method" null, "customer_id" uuid null, "location_id" uuid not null, "terminal_id" uuid not null, "session_id" uuid null, "cashier_id" uuid not null, "discount_type" "discount_type" null, "discount_value" numeric(15,4) null, "discount_reason" varchar(255) null, "discount_approved_by_id" uuid null, "notes" text null, "metadata" jsonb null, "version" int not null default 1, "expires_at" timestamptz null, "parked_at" timestamptz null, "updated_at" timestamptz not null, "completed_at" timestamptz null, "voided_at" timestamptz null, "voided_by_id" uuid null, "void_reason" varchar(255) null, constraint "sales_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_tenant_id_index" on "sales" ("tenant_id");`);
    this.addSql(`create index "sales_status_index" on "sales" ("status");`);
    this.addSql(`create index "sales_customer_id_index" on "sales" ("customer_id");`);
    this.addSql(`create index "sales_location_id_index" on "sales" ("location_id");`);
    this.addSql(`create index "sales_terminal_id_index" on "sales" ("terminal_id");`);
    this.addSql(`create index "sales_session_id_index" on "sales" ("session_id");`);
    this.addSql(`create index "sales_cashier_id_index" on "sales" ("cashier_id");`);
    this.addSql(`create index "sales_tenant_id_created_at_index" on "sales" ("tenant_id", "created_at");`);
    this.addSql(`create index "sales_tenant_id_location_id_parked_at_index" on "sales" ("tenant_id", "location_id", "parked_at");`);
    this.addSql(`create index "sales_tenant_id_status_expires_at_index" on "sales" ("tenant_id", "status", "expires_at");`);
    this.addSql(`alter table "sales" add constraint "sales_tenant_id_sale_number_unique" unique ("tenant_id", "sale_number");`);

    this.addSql(`create table "sale_items" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "sale_id" uuid not null, "line_no" int not null, "product_id" uuid not null, "quantity" int not null, "unit_price" numeric(15,4) not null, "unit_cost" numeric(15,4) null, "cost_amount" numeric(15,4) null, "discount_type" "discount_type" null, "discount_value" numeric(15,4) null, "discount_reason" varchar(255) null, "discount_approved_by_id" uuid null, "discount_amount" numeric(15,4) not null, "tax_rate" numeric(5,4) not null, "tax_amount" numeric(15,4) not null, "line_total" numeric(15,4) not null, "product_name" varchar(255) not null, "product_sku" varchar(100) not null, "attributes" jsonb null, "notes" text null, constraint "sale_items_pkey" primary key ("id"));`);
    this.addSql(`create index "sale_items_tenant_id_index" on "sale_items" ("tenant_id");`);
    this.addSql(`create index "sale_items_sale_id_index" on "sale_items" ("sale_id");`);
    this.addSql(`create index "sale_items_product_id_index" on "sale_items" ("product_id");`);

    this.addSql(`alter table "sales" add constraint "sales_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sales" add constraint "sales_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_terminal_id_foreign" foreign key ("terminal_id") references "pos_terminals" ("id") on update cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_session_id_foreign" foreign key ("session_id") references "pos_sessions" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sales" add constraint "sales_cashier_id_foreign" foreign key ("cashier_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_discount_approved_by_id_foreign" foreign key ("discount_approved_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sales" add constraint "sales_voided_by_id_foreign" foreign key ("voided_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sale_items" add constraint "sale_items_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sale_items" add constraint "sale_items_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sale_items" add constraint "sale_items_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade;`);
    this.addSql(`alter table "sale_items" add constraint "sale_items_discount_approved_by_id_foreign" foreign key ("discount_approved_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sale_items" drop constraint "sale_items_sale_id_foreign";`);

    this.addSql(`drop table if exists "sales" cascade;`);

    this.addSql(`drop table if exists "sale_items" cascade;`);

    this.addSql(`drop type "sale_status";`);
    this.addSql(`drop type "payment_method";`);
    this.addSql(`drop type "discount_type";`);
  }

}
