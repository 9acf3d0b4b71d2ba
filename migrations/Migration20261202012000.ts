import { Migration } from '@mikro-orm/migrations';

/* Exchanges (docs/returns.md): a cart carries the goods coming back, and the refund names the sale it was exchanged in. */
export class Migration20261202012000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sales" add column "return_lines" jsonb not null default '[]', add column "return_amount" numeric(15,4) not null default 0;`);
    this.addSql(`alter table "sale_refunds" add column "exchange_sale_id" uuid null;`);
    this.addSql(`alter table "sale_refunds" add constraint "sale_refunds_exchange_sale_id_foreign" foreign key ("exchange_sale_id") references "sales" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sale_refunds" drop column "exchange_sale_id";`);
    this.addSql(`alter table "sales" drop column "return_lines", drop column "return_amount";`);
  }
}
