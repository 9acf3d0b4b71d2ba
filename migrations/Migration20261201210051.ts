import { Migration } from '@mikro-orm/migrations';

export class Migration20261201210051 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "reporting_access";`);
    this.addSql(`create table "reporting_access"."bi_roles" ("role_name" varchar(63) not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), constraint "bi_roles_pkey" primary key ("role_name"));`);

    this.addSql(`alter table "reporting_access"."bi_roles" add constraint "bi_roles_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting_access"."bi_roles" cascade;`);

    this.addSql(`drop schema if exists "reporting_access";`);
  }

}
