import { Migration } from '@mikro-orm/migrations';

export class Migration20261124195941 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_records" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "key" varchar(100) not null, "operation" varchar(60) not null, "request_hash" varchar(64) not null, "response" jsonb not null, constraint "idempotency_records_pkey" primary key ("id"));`);
    this.addSql(`create index "idempotency_records_tenant_id_index" on "idempotency_records" ("tenant_id");`);
    this.addSql(`alter table "idempotency_records" add constraint "idempotency_records_tenant_id_key_unique" unique ("tenant_id", "key");`);

    this.addSql(`alter table "idempotency_records" add constraint "idempotency_records_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_records" cascade;`);
  }

}
