import { Migration } from '@mikro-orm/migrations';

export class Migration20261201203018 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_events" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "type" varchar(60) not null, "actor_id" uuid null, "actor_kind" varchar(10) null, "subject_type" varchar(40) null, "subject_id" varchar(100) null, "request_id" varchar(100) not null, "data" jsonb not null default '{}', constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_tenant_id_index" on "audit_events" ("tenant_id");`);
    this.addSql(`create index "audit_events_tenant_id_created_at_index" on "audit_events" ("tenant_id", "created_at");`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "tenants" add column "approval_policy" jsonb not null default '{}';`);

    this.addSql(`alter table "users" add column "token_version" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_events" cascade;`);

    this.addSql(`alter table "tenants" drop column "approval_policy";`);

    this.addSql(`alter table "users" drop column "token_version";`);
  }

}
