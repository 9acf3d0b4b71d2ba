import { Migration } from '@mikro-orm/migrations';

/* The nightly retention job (prune-webhook-history) finds old deliveries and events by created_at (docs/webhooks.md, Retention). */
export class Migration20261203112655 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "webhook_events_created_idx" on "webhook_events" ("created_at");`);
    this.addSql(`create index "webhook_deliveries_created_idx" on "webhook_deliveries" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "webhook_deliveries_created_idx";`);
    this.addSql(`drop index "webhook_events_created_idx";`);
  }
}
