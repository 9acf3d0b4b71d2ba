import { Migration } from '@mikro-orm/migrations';

export class Migration20261124195041 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "locations" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "name" varchar(200) not null, "code" varchar(20) not null, "timezone" varchar(64) not null default 'UTC', "is_active" boolean not null default true, constraint "locations_pkey" primary key ("id"));`);
    this.addSql(`create index "locations_tenant_id_index" on "locations" ("tenant_id");`);
    this.addSql(`alter table "locations" add constraint "locations_tenant_id_code_unique" unique ("tenant_id", "code");`);

    this.addSql(`alter table "locations" add constraint "locations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "locations" cascade;`);
  }

}
