import { Migration } from '@mikro-orm/migrations';

/* Product lists and searches page by name: an index read in order (docs/benchmarks.md, "Catalogue at 300,000 products"). */
export class Migration20261202085252 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "products_tenant_id_name_id_index" on "products" ("tenant_id", "name", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "products_tenant_id_name_id_index";`);
  }
}
