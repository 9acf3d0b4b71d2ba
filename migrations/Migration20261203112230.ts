import { Migration } from '@mikro-orm/migrations';

/*
 * Webhook secrets are stored sealed (core/secret-cipher.ts), about 113 characters for a 49-character
 * secret. Widening a varchar is a catalogue change only: no rewrite, no long lock. The rows are sealed
 * by the server at start (webhooks/seal-plaintext-secrets.ts): a migration has no key.
 */
export class Migration20261203112230 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" alter column "secret" type varchar(255);`);
    this.addSql(`alter table "webhook_endpoints" alter column "previous_secret" type varchar(255);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_endpoints" alter column "secret" type varchar(100);`);
    this.addSql(`alter table "webhook_endpoints" alter column "previous_secret" type varchar(100);`);
  }
}
