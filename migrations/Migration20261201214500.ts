import { Migration } from '@mikro-orm/migrations';

export class Migration20261201214500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "product_changes" ("id" bigserial primary key, "tenant_id" uuid not null, "product_id" uuid not null, "removed" boolean not null default false, "seq" bigint not null);`);
    this.addSql(`create index "product_changes_tenant_id_seq_id_index" on "product_changes" ("tenant_id", "seq", "id");`);
    this.addSql(`create table "catalogue_heads" ("tenant_id" uuid not null, "seq" bigint not null, constraint "catalogue_heads_pkey" primary key ("tenant_id"));`);

    this.addSql(`create table "offline_sales" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "terminal_id" uuid not null, "register_number" int not null, "register_total" numeric(15,4) not null, "computed_total" numeric(15,4) not null, "warnings" jsonb not null, "flagged" boolean not null default false, "completed_at" timestamptz not null, "submitted_by_id" uuid not null, constraint "offline_sales_pkey" primary key ("id"));`);
    this.addSql(`create index "offline_sales_tenant_id_index" on "offline_sales" ("tenant_id");`);
    this.addSql(`create index "offline_sales_terminal_id_index" on "offline_sales" ("terminal_id");`);
    this.addSql(`create index "offline_sales_tenant_id_flagged_created_at_index" on "offline_sales" ("tenant_id", "flagged", "created_at");`);

    this.addSql(`alter table "offline_sales" add constraint "offline_sales_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "offline_sales" add constraint "offline_sales_terminal_id_foreign" foreign key ("terminal_id") references "pos_terminals" ("id") on update cascade;`);
    this.addSql(`alter table "offline_sales" add constraint "offline_sales_submitted_by_id_foreign" foreign key ("submitted_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "offline_sales" add constraint "offline_sales_id_foreign" foreign key ("id") references "sales" ("id") on update cascade;`);

    // The change log is written by the database in the writing transaction, whatever path wrote the product.
    for (const [event, rows, removed] of [
      ['insert', 'new', 'false'],
      ['update', 'new', 'false'],
      ['delete', 'old', 'true'],
    ]) {
      this.addSql(`create function "products_log_${event}"() returns trigger language plpgsql as $$
        begin
          with heads as (
            insert into catalogue_heads (tenant_id, seq) select distinct tenant_id, 1 from changed_rows
            on conflict (tenant_id) do update set seq = catalogue_heads.seq + 1 returning tenant_id, seq)
          insert into product_changes (tenant_id, product_id, removed, seq)
          select c.tenant_id, c.id, ${removed}, h.seq from changed_rows c join heads h on h.tenant_id = c.tenant_id;
          return null;
        end $$;`);
      this.addSql(`create trigger "products_log_${event}" after ${event} on "products"
        referencing ${rows} table as changed_rows for each statement execute function "products_log_${event}"();`);
    }
    this.addSql(`insert into catalogue_heads (tenant_id, seq) select distinct tenant_id, 1 from products;`);
    this.addSql(`insert into product_changes (tenant_id, product_id, removed, seq) select tenant_id, id, false, 1 from products order by created_at, id;`);

    // Lookup at scale: name search by prefix and substring through trigram indexes.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "products_name_trgm_index" on "products" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "products_sku_trgm_index" on "products" using gin ("sku" gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "products_name_trgm_index";`);
    this.addSql(`drop index if exists "products_sku_trgm_index";`);
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`drop trigger if exists "products_log_${event}" on "products";`);
      this.addSql(`drop function if exists "products_log_${event}"();`);
    }
    this.addSql(`drop table if exists "product_changes" cascade;`);
    this.addSql(`drop table if exists "catalogue_heads" cascade;`);

    this.addSql(`drop table if exists "offline_sales" cascade;`);
  }

}
