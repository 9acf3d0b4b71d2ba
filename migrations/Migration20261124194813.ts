import { Migration } from '@mikro-orm/migrations';

export class Migration20261124194813 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "costing_method" as enum ('FIFO', 'LIFO', 'AVERAGE');`);
    this.addSql(`create type "rounding_mode" as enum ('HALF_UP', 'HALF_EVEN');`);
    this.addSql(`create table "tenants" ("id" uuid not null, "name" varchar(200) not null, "slug" varchar(60) not null, "currency" varchar(3) not null default 'USD', "prices_include_tax" boolean not null default false, "costing_method" "costing_method" not null default 'FIFO', "cash_rounding_increment" numeric(15,4) not null, "rounding_mode" "rounding_mode" not null default 'HALF_UP', "allow_negative_stock" boolean not null default false, "timezone" varchar(64) not null default 'UTC', "discount_approval_threshold" numeric(7,4) not null, "cart_expiry_minutes" int not null default 30, "parked_cart_expiry_hours" int not null default 24, "payment_gateway" varchar(40) not null default 'SIMULATOR', "auto_close_sessions_at" varchar(5) null, "report_recipients" text[] not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null, constraint "tenants_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenants" add constraint "tenants_slug_unique" unique ("slug");`);

    this.addSql(`create table "users" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "email" varchar(254) not null, "name" varchar(200) not null, "password_hash" varchar(200) not null, "pin_hash" varchar(200) null, "roles" text[] not null, "is_active" boolean not null default true, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`create index "users_tenant_id_index" on "users" ("tenant_id");`);
    this.addSql(`alter table "users" add constraint "users_tenant_id_email_unique" unique ("tenant_id", "email");`);

    this.addSql(`alter table "users" add constraint "users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

}
