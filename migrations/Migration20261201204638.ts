import { Migration } from '@mikro-orm/migrations';

export class Migration20261201204638 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "provider_webhook_events" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "provider" varchar(40) not null, "event_id" varchar(255) not null, "type" varchar(100) not null, "payment_id" uuid null, constraint "provider_webhook_events_pkey" primary key ("id"));`);
    this.addSql(`create index "provider_webhook_events_tenant_id_index" on "provider_webhook_events" ("tenant_id");`);
    this.addSql(`alter table "provider_webhook_events" add constraint "provider_webhook_events_tenant_id_provider_event_id_unique" unique ("tenant_id", "provider", "event_id");`);

    this.addSql(`alter table "provider_webhook_events" add constraint "provider_webhook_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "provider_webhook_events" cascade;`);
  }

}
