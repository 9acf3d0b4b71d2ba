import { Migration } from '@mikro-orm/migrations';

export class Migration20261124195539 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "pos_session_status" as enum ('OPEN', 'CLOSED', 'RECONCILING');`);
    this.addSql(`create type "device_token_kind" as enum ('DISPLAY', 'HARDWARE_AGENT');`);
    this.addSql(`create type "cash_movement_type" as enum ('PAY_IN', 'PAY_OUT');`);
    this.addSql(`create table "pos_terminals" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "name" varchar(100) not null, "code" varchar(20) not null, "is_active" boolean not null default true, "location_id" uuid not null, "updated_at" timestamptz not null default now(), constraint "pos_terminals_pkey" primary key ("id"));`);
    this.addSql(`create index "pos_terminals_tenant_id_index" on "pos_terminals" ("tenant_id");`);
    this.addSql(`create index "pos_terminals_location_id_index" on "pos_terminals" ("location_id");`);
    this.addSql(`alter table "pos_terminals" add constraint "pos_terminals_tenant_id_code_unique" unique ("tenant_id", "code");`);

    this.addSql(`create table "document_counters" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "series" varchar(60) not null, "last_value" int not null, constraint "document_counters_pkey" primary key ("id"));`);
    this.addSql(`create index "document_counters_tenant_id_index" on "document_counters" ("tenant_id");`);
    this.addSql(`alter table "document_counters" add constraint "document_counters_tenant_id_series_unique" unique ("tenant_id", "series");`);

    this.addSql(`create table "pos_sessions" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "session_number" varchar(50) not null, "opening_balance" numeric(15,4) not null, "closing_balance" numeric(15,4) null, "expected_balance" numeric(15,4) null, "variance" numeric(15,4) null, "status" "pos_session_status" not null default 'OPEN', "opened_at" timestamptz not null default now(), "closed_at" timestamptz null, "opening_count" jsonb null, "closing_count" jsonb null, "notes" text null, "terminal_id" uuid not null, "opened_by_id" uuid not null, "closed_by_id" uuid null, "reconciled_at" timestamptz null, "reconciled_by_id" uuid null, "reconcile_notes" text null, constraint "pos_sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "pos_sessions_tenant_id_index" on "pos_sessions" ("tenant_id");`);
    this.addSql(`create index "pos_sessions_status_index" on "pos_sessions" ("status");`);
    this.addSql(`create index "pos_sessions_terminal_id_index" on "pos_sessions" ("terminal_id");`);
    this.addSql(`create index "pos_sessions_tenant_id_opened_at_index" on "pos_sessions" ("tenant_id", "opened_at");`);
    this.addSql(`create unique index "pos_sessions_open_terminal_unique" on "pos_sessions" ("tenant_id", "terminal_id") where "status" = 'OPEN';`);
    this.addSql(`alter table "pos_sessions" add constraint "pos_sessions_tenant_id_session_number_unique" unique ("tenant_id", "session_number");`);

    this.addSql(`create table "device_tokens" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "terminal_id" uuid not null, "kind" "device_token_kind" not null, "label" varchar(100) null, "created_by_id" uuid not null, "revoked_at" timestamptz null, constraint "device_tokens_pkey" primary key ("id"));`);
    this.addSql(`create index "device_tokens_tenant_id_index" on "device_tokens" ("tenant_id");`);
    this.addSql(`create index "device_tokens_terminal_id_index" on "device_tokens" ("terminal_id");`);

    this.addSql(`create table "cash_movements" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "session_id" uuid not null, "type" "cash_movement_type" not null, "amount" numeric(15,4) not null, "reason" varchar(500) not null, "performed_by_id" uuid not null, constraint "cash_movements_pkey" primary key ("id"));`);
    this.addSql(`create index "cash_movements_tenant_id_index" on "cash_movements" ("tenant_id");`);
    this.addSql(`create index "cash_movements_session_id_index" on "cash_movements" ("session_id");`);

    this.addSql(`alter table "pos_terminals" add constraint "pos_terminals_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pos_terminals" add constraint "pos_terminals_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade;`);

    this.addSql(`alter table "document_counters" add constraint "document_counters_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "pos_sessions" add constraint "pos_sessions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pos_sessions" add constraint "pos_sessions_terminal_id_foreign" foreign key ("terminal_id") references "pos_terminals" ("id") on update cascade;`);
    this.addSql(`alter table "pos_sessions" add constraint "pos_sessions_opened_by_id_foreign" foreign key ("opened_by_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "pos_sessions" add constraint "pos_sessions_closed_by_id_foreign" foreign key ("closed_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "pos_sessions" add constraint "pos_sessions_reconciled_by_id_foreign" foreign key ("reconciled_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "device_tokens" add constraint "device_tokens_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "device_tokens" add constraint "device_tokens_terminal_id_foreign" foreign key ("terminal_id") references "pos_terminals" ("id") on update cascade;`);
    this.addSql(`alter table "device_tokens" add constraint "device_tokens_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "cash_movements" add constraint "cash_movements_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "cash_movements" add constraint "cash_movements_session_id_foreign" foreign key ("session_id") references "pos_sessions" ("id") on update cascade;`);
    this.addSql(`alter table "cash_movements" add constraint "cash_movements_performed_by_id_foreign" foreign key ("performed_by_id") references "users" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pos_sessions" drop constraint "pos_sessions_terminal_id_foreign";`);

    this.addSql(`alter table "device_tokens" drop constraint "device_tokens_terminal_id_foreign";`);

    this.addSql(`alter table "cash_movements" drop constraint "cash_movements_session_id_foreign";`);

    this.addSql(`drop table if exists "pos_terminals" cascade;`);

    this.addSql(`drop table if exists "document_counters" cascade;`);

    this.addSql(`drop table if exists "pos_sessions" cascade;`);

    this.addSql(`drop table if exists "device_tokens" cascade;`);

    this.addSql(`drop table if exists "cash_movements" cascade;`);

    this.addSql(`drop type "pos_session_status";`);
    this.addSql(`drop type "device_token_kind";`);
    this.addSql(`drop type "cash_movement_type";`);
  }

}
