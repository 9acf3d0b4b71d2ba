import { Migration } from '@mikro-orm/migrations';

export class Migration20261201202851 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "simulator_transactions" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "transaction_ref" varchar(100) not null, "idempotency_key" varchar(255) not null, "request_fingerprint" text not null, "state" varchar(20) not null, "answer_lost" boolean not null default false, "authorized" numeric(15,4) not null, "captured" numeric(15,4) not null, "refunded" numeric(15,4) not null, "result" jsonb not null, constraint "simulator_transactions_pkey" primary key ("id"));`);
    this.addSql(`create index "simulator_transactions_tenant_id_index" on "simulator_transactions" ("tenant_id");`);
    this.addSql(`alter table "simulator_transactions" add constraint "simulator_transactions_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);
    this.addSql(`alter table "simulator_transactions" add constraint "simulator_transactions_tenant_id_transaction_ref_unique" unique ("tenant_id", "transaction_ref");`);

    this.addSql(`create table "simulator_follow_ups" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "idempotency_key" varchar(300) not null, "request_fingerprint" text not null, "result" jsonb not null, constraint "simulator_follow_ups_pkey" primary key ("id"));`);
    this.addSql(`create index "simulator_follow_ups_tenant_id_index" on "simulator_follow_ups" ("tenant_id");`);
    this.addSql(`alter table "simulator_follow_ups" add constraint "simulator_follow_ups_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);

    this.addSql(`create table "payment_gateway_accounts" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "provider" varchar(40) not null, "encrypted_credentials" text not null, "reader_id" varchar(255) null, "location_id" varchar(255) null, "updated_at" timestamptz not null, constraint "payment_gateway_accounts_pkey" primary key ("id"));`);
    this.addSql(`create index "payment_gateway_accounts_tenant_id_index" on "payment_gateway_accounts" ("tenant_id");`);
    this.addSql(`alter table "payment_gateway_accounts" add constraint "payment_gateway_accounts_tenant_id_provider_unique" unique ("tenant_id", "provider");`);

    this.addSql(`alter table "simulator_transactions" add constraint "simulator_transactions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "simulator_follow_ups" add constraint "simulator_follow_ups_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "payment_gateway_accounts" add constraint "payment_gateway_accounts_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "tenants" add column "wallet_payment_gateway" varchar(40) null;`);

    this.addSql(`alter table "sale_payments" add column "gateway" varchar(40) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "simulator_transactions" cascade;`);

    this.addSql(`drop table if exists "simulator_follow_ups" cascade;`);

    this.addSql(`drop table if exists "payment_gateway_accounts" cascade;`);

    this.addSql(`alter table "sale_payments" drop column "gateway";`);

    this.addSql(`alter table "tenants" drop column "wallet_payment_gateway";`);
  }

}
