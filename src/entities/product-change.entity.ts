import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The catalogue's change log, written by triggers on `products` in the
 * writing transaction (docs/offline.md, Catalogue sync): one row per product
 * inserted, updated or deleted, with the writing transaction's id. Read only
 * through catalogueChanges, never by the ORM.
 */
@Entity({ tableName: 'product_changes' })
@Index({ properties: ['tenantId', 'txid', 'id'] })
export class ProductChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  productId!: string;

  @Property({ type: 'boolean', default: false })
  removed!: boolean;

  /** pg_current_xact_id() of the writing transaction (xid8: never wraps around). */
  @Property({ columnType: 'xid8', defaultRaw: 'pg_current_xact_id()' })
  txid!: string;
}
