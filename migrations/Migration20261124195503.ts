import { Migration } from '@mikro-orm/migrations';

export class Migration20261124195503 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "stock_movement_type" as enum ('IN', 'OUT', 'ADJUSTMENT');`);
    this.addSql(`create type "stock_reference_type" as enum ('SALE', 'REFUND', 'VOID', 'RECEIPT', 'ADJUSTMENT');`);
    this.addSql(`create table "products" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "sku" varchar(100) not null, "barcode" varchar(100) null, "name" varchar(255) not null, "category" varchar(100) null, "price" numeric(15,4) not null, "cost_price" numeric(15,4) not null, "tax_rate" numeric(5,4) not null, "attributes" jsonb null, "is_active" boolean not null default true, "updated_at" timestamptz not null, constraint "products_pkey" primary key ("id"));`);
    this.addSql(`create index "products_tenant_id_index" on "products" ("tenant_id");`);
    this.addSql(`alter table "products" add constraint "products_tenant_id_barcode_unique" unique ("tenant_id", "barcode");`);
    this.addSql(`alter table "products" add constraint "products_tenant_id_sku_unique" unique ("tenant_id", "sku");`);

    this.addSql(`create table "stock_reservations" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "product_id" uuid not null, "location_id" uuid not null, "quantity" int not null, "reference_type" varchar(20) not null default 'SALE', "reference_id" varchar(100) not null, "expires_at" timestamptz not null, "released" boolean not null default false, "released_at" timestamptz null, "consumed" boolean not null default false, constraint "stock_reservations_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_reservations_tenant_id_index" on "stock_reservations" ("tenant_id");`);
    this.addSql(`create index "stock_reservations_released_expires_at_index" on "stock_reservations" ("released", "expires_at");`);
    this.addSql(`create index "stock_reservations_tenant_id_reference_id_index" on "stock_reservations" ("tenant_id", "reference_id");`);

    this.addSql(`create table "stock_movements" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "product_id" uuid not null, "location_id" uuid not null, "type" "stock_movement_type" not null, "quantity" int not null, "reason" varchar(500) null, "reference_type" "stock_reference_type" not null, "reference_id" varchar(100) null, "actor_id" uuid null, "unit_cost" numeric(15,4) null, "cost_amount" numeric(15,4) null, constraint "stock_movements_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_movements_tenant_id_index" on "stock_movements" ("tenant_id");`);
    this.addSql(`create index "stock_movements_tenant_id_created_at_index" on "stock_movements" ("tenant_id", "created_at");`);
    this.addSql(`create index "stock_movements_tenant_id_reference_type_reference_id_index" on "stock_movements" ("tenant_id", "reference_type", "reference_id");`);
    this.addSql(`create index "stock_movements_tenant_id_product_id_location_id_c_0274d_index" on "stock_movements" ("tenant_id", "product_id", "location_id", "created_at");`);

    this.addSql(`create table "stock_levels" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "product_id" uuid not null, "location_id" uuid not null, "on_hand" int not null default 0, "reserved" int not null default 0, "updated_at" timestamptz not null default now(), constraint "stock_levels_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_levels_tenant_id_index" on "stock_levels" ("tenant_id");`);
    this.addSql(`create index "stock_levels_location_id_index" on "stock_levels" ("location_id");`);
    this.addSql(`alter table "stock_levels" add constraint "stock_levels_tenant_id_product_id_location_id_unique" unique ("tenant_id", "product_id", "location_id");`);

    this.addSql(`create table "customers" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "name" varchar(200) not null, "email" varchar(254) null, "phone" varchar(40) null, "store_credit_balance" numeric(15,4) not null, constraint "customers_pkey" primary key ("id"));`);
    this.addSql(`create index "customers_tenant_id_index" on "customers" ("tenant_id");`);
    this.addSql(`create index "customers_tenant_id_email_index" on "customers" ("tenant_id", "email");`);

    this.addSql(`create table "valuation_layers" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "product_id" uuid not null, "location_id" uuid not null, "quantity" int not null, "remaining" int not null, "unit_cost" numeric(15,4) not null, "remaining_value" numeric(15,4) not null, "received_at" timestamptz not null, "source" "stock_reference_type" not null, "reference_id" varchar(100) null, constraint "valuation_layers_pkey" primary key ("id"));`);
    this.addSql(`create index "valuation_layers_tenant_id_index" on "valuation_layers" ("tenant_id");`);
    this.addSql(`create index "valuation_layers_tenant_id_product_id_location_id__6ce00_index" on "valuation_layers" ("tenant_id", "product_id", "location_id", "received_at");`);

    this.addSql(`alter table "products" add constraint "products_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "stock_reservations" add constraint "stock_reservations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_reservations" add constraint "stock_reservations_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_reservations" add constraint "stock_reservations_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "stock_movements" add constraint "stock_movements_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_movements" add constraint "stock_movements_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_movements" add constraint "stock_movements_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "stock_levels" add constraint "stock_levels_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_levels" add constraint "stock_levels_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_levels" add constraint "stock_levels_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "customers" add constraint "customers_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "valuation_layers" add constraint "valuation_layers_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "valuation_layers" add constraint "valuation_layers_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "valuation_layers" add constraint "valuation_layers_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "stock_reservations" drop constraint "stock_reservations_product_id_foreign";`);

    this.addSql(`alter table "stock_movements" drop constraint "stock_movements_product_id_foreign";`);

    this.addSql(`alter table "stock_levels" drop constraint "stock_levels_product_id_foreign";`);

    this.addSql(`alter table "valuation_layers" drop constraint "valuation_layers_product_id_foreign";`);

    this.addSql(`drop table if exists "products" cascade;`);

    this.addSql(`drop table if exists "stock_reservations" cascade;`);

    this.addSql(`drop table if exists "stock_movements" cascade;`);

    this.addSql(`drop table if exists "stock_levels" cascade;`);

    this.addSql(`drop table if exists "customers" cascade;`);

    this.addSql(`drop table if exists "valuation_layers" cascade;`);

    this.addSql(`drop type "stock_movement_type";`);
    this.addSql(`drop type "stock_reference_type";`);
  }

}
