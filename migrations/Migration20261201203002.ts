import { Migration } from '@mikro-orm/migrations';

export class Migration20261201203002 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "webhook_delivery_status" as enum ('PENDING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create table "webhook_endpoints" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "url" varchar(2048) not null, "events" text[] not null, "description" varchar(500) null, "is_active" boolean not null default true, "disabled_reason" varchar(500) null, "secret" varchar(100) not null, "previous_secret" varchar(100) null, "previous_secret_expires_at" timestamptz null, "failing_since" timestamptz null, "updated_at" timestamptz not null, constraint "webhook_endpoints_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_endpoints_tenant_id_index" on "webhook_endpoints" ("tenant_id");`);
    this.addSql(`create index "webhook_endpoints_tenant_created_idx" on "webhook_endpoints" ("tenant_id", "created_at");`);

    this.addSql(`create table "webhook_events" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "type" varchar(60) not null, "body" text not null, constraint "webhook_events_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_events_tenant_id_index" on "webhook_events" ("tenant_id");`);

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "endpoint_id" uuid not null, "event_id" uuid not null, "event_type" varchar(60) not null, "status" "webhook_delivery_status" not null default 'PENDING', "attempts" jsonb not null, "first_attempt_at" timestamptz not null default now(), "next_attempt_at" timestamptz null, "updated_at" timestamptz not null, constraint "webhook_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_tenant_id_index" on "webhook_deliveries" ("tenant_id");`);
    this.addSql(`create index "webhook_deliveries_event_id_index" on "webhook_deliveries" ("event_id");`);
    this.addSql(`create index "webhook_deliveries_endpoint_created_idx" on "webhook_deliveries" ("endpoint_id", "created_at");`);

    this.addSql(`alter table "webhook_endpoints" add constraint "webhook_endpoints_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_events" add constraint "webhook_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_event_id_foreign" foreign key ("event_id") references "webhook_events" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "tenants" add column "webhook_events" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_event_id_foreign";`);

    this.addSql(`drop table if exists "webhook_endpoints" cascade;`);

    this.addSql(`drop table if exists "webhook_events" cascade;`);

    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);

    this.addSql(`alter table "tenants" drop column "webhook_events";`);

    this.addSql(`drop type "webhook_delivery_status";`);
  }

}
