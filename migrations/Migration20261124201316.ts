import { Migration } from '@mikro-orm/migrations';

export class Migration20261124201316 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "sales_tenant_id_status_expires_at_index";`);

    this.addSql(`create index "sales_cart_expiry_index" on "sales" ("expires_at") where "status" in ('DRAFT', 'PENDING');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sales_cart_expiry_index";`);

    this.addSql(`create index "sales_tenant_id_status_expires_at_index" on "sales" ("tenant_id", "status", "expires_at");`);
  }

}
