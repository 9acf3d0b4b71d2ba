import { Migration } from '@mikro-orm/migrations';

export class Migration20261124201233 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "hardware_command_kind" as enum ('PRINT_RECEIPT', 'OPEN_DRAWER');`);
    this.addSql(`create type "hardware_command_status" as enum ('PENDING', 'DONE', 'FAILED');`);
    this.addSql(`create table "hardware_commands" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "terminal_id" uuid not null, "kind" "hardware_command_kind" not null, "payload" jsonb not null, "status" "hardware_command_status" not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "sale_id" uuid null, "created_by_id" uuid not null, "completed_at" timestamptz null, constraint "hardware_commands_pkey" primary key ("id"));`);
    this.addSql(`create index "hardware_commands_tenant_id_index" on "hardware_commands" ("tenant_id");`);
    this.addSql(`create index "hardware_commands_sale_id_index" on "hardware_commands" ("sale_id");`);
    this.addSql(`create index "hardware_commands_tenant_id_terminal_id_status_created_at_index" on "hardware_commands" ("tenant_id", "terminal_id", "status", "created_at");`);

    this.addSql(`alter table "hardware_commands" add constraint "hardware_commands_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "hardware_commands" add constraint "hardware_commands_terminal_id_foreign" foreign key ("terminal_id") references "pos_terminals" ("id") on update cascade;`);
    this.addSql(`alter table "hardware_commands" add constraint "hardware_commands_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "hardware_commands" add constraint "hardware_commands_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "hardware_commands" cascade;`);

    this.addSql(`drop type "hardware_command_kind";`);
    this.addSql(`drop type "hardware_command_status";`);
  }

}
