import { Migration } from '@mikro-orm/migrations';

export class Migration20261124201417 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "payment_status" as enum ('PENDING', 'COMPLETED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED');`);
    this.addSql(`create table "sale_refunds" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "refund_number" varchar(50) not null, "sale_id" uuid not null, "amount" numeric(15,4) not null, "method" "payment_method" not null, "status" "payment_status" not null default 'COMPLETED', "reason" varchar(500) not null, "items" jsonb not null, "session_id" uuid null, "transaction_ref" varchar(255) null, "gateway_response" jsonb null, "processed_at" timestamptz not null, "processed_by_id" uuid not null, constraint "sale_refunds_pkey" primary key ("id"));`);
    this.addSql(`create index "sale_refunds_tenant_id_index" on "sale_refunds" ("tenant_id");`);
    this.addSql(`create index "sale_refunds_tenant_id_session_id_index" on "sale_refunds" ("tenant_id", "session_id");`);
    this.addSql(`create index "sale_refunds_tenant_id_sale_id_index" on "sale_refunds" ("tenant_id", "sale_id");`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_tenant_id_refund_number_unique" unique ("tenant_id", "refund_number");`);

    this.addSql(`create table "sale_payments" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "sale_id" uuid not null, "session_id" uuid null, "method" "payment_method" not null, "status" "payment_status" not null default 'PENDING', "amount" numeric(15,4) not null, "received_amount" numeric(15,4) null, "change_given" numeric(15,4) null, "refunded_amount" numeric(15,4) not null, "transaction_ref" varchar(255) null, "reference" varchar(255) null, "gateway_response" jsonb null, "failure_reason" varchar(100) null, "notes" text null, "processed_at" timestamptz not null, "processed_by_id" uuid not null, "voided_at" timestamptz null, constraint "sale_payments_pkey" primary key ("id"));`);
    this.addSql(`create index "sale_payments_tenant_id_index" on "sale_payments" ("tenant_id");`);
    this.addSql(`create index "sale_payments_method_index" on "sale_payments" ("method");`);
    this.addSql(`create index "sale_payments_status_index" on "sale_payments" ("status");`);
    this.addSql(`create index "sale_payments_tenant_id_session_id_index" on "sale_payments" ("tenant_id", "session_id");`);
    this.addSql(`create index "sale_payments_tenant_id_sale_id_index" on "sale_payments" ("tenant_id", "sale_id");`);

    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on update cascade;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_session_id_foreign" foreign key ("session_id") references "pos_sessions" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_processed_by_id_foreign" foreign key ("processed_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "sale_payments" add constraint "sale_payments_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sale_payments" add constraint "sale_payments_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on update cascade;`);
    this.addSql(`alter table "sale_payments" add constraint "sale_payments_session_id_foreign" foreign key ("session_id") references "pos_sessions" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sale_payments" add constraint "sale_payments_processed_by_id_foreign" foreign key ("processed_by_id") references "users" ("id") on update cascade;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sale_refunds" cascade;`);

    this.addSql(`drop table if exists "sale_payments" cascade;`);

    this.addSql(`drop type "payment_status";`);
  }

}
