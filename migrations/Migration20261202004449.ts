import { Migration } from '@mikro-orm/migrations';

export class Migration20261202004449 extends Migration {

  override async up(): Promise<void> {
    // The card reader at each register (docs/payments.md, "Readers"); null: the gateway account's reader.
    this.addSql(`alter table "pos_terminals" add column "payment_reader_id" varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pos_terminals" drop column "payment_reader_id";`);
  }

}
