import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The catalogue's change log, written by triggers on `products` in the
 * writing transaction (docs/offline.md, Catalogue sync): one row per product
 * inserted, updated or deleted, with the tenant's catalogue sequence number
 * of the writing statement. Read only through catalogueChanges, never by the ORM.
 */
@Entity({ tableName: 'product_changes' })
@Index({ properties: ['tenantId', 'seq', 'id'] })
export class ProductChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  productId!: string;

  @Property({ type: 'boolean', default: false })
  removed!: boolean;

  /** The tenant's catalogue_heads.seq taken by the writing statement: commit order, gapless. */
  @Property({ type: 'bigint' })
  seq!: string;
}

/**
 * A tenant's catalogue sequence: every statement writing its products takes
 * the next value, and holds the row lock until its transaction ends, so the
 * values are handed out in commit order (a rollback gives its value back).
 */
@Entity({ tableName: 'catalogue_heads' })
export class CatalogueHead {
  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'bigint' })
  seq!: string;
}
