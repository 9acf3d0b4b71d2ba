import { EntityManager } from '@mikro-orm/postgresql';
import { TenantContext } from '../../../context';
import { mapJsonRow } from '../../../db/map-json-row';
import { Location, PosTerminal, Product, Sale, SaleItem, SalePayment, Tenant } from '../../../entities';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { notFound } from '../../../errors';
import { isUuid } from '../../core/ids';
import { query } from '../../core/sql';
import type { ProductKey } from '../cart/cart-rules';
import { LockedSaleRow, lockedSaleStatement } from './sale-load.sql';

/** What a checkout mutation needs besides the sale, its lines and the tenant. */
export interface SaleLoadOptions {
  /** 'Cart' or 'Sale': the entity a NOT_FOUND names. */
  label: string;
  /** The sale's session, held FOR SHARE (closeSession takes it FOR UPDATE, so a close waits and counts the change). */
  session?: boolean;
  /** A product of the tenant by id, sku or barcode (addCartItem). */
  product?: ProductKey;
  /** The sale's payments, oldest first. */
  payments?: boolean;
  /** The card reader of the sale's terminal (addPayment: a card goes to the register's reader). */
  reader?: boolean;
  /** The sale's terminal, location and cashier's name (completion's receipt). */
  receipt?: boolean;
}

export interface LoadedSale {
  sale: Sale;
  tenant: Tenant;
  /** The session's status, or null without a session (only with `session`). */
  sessionStatus: PosSessionStatus | null;
  product: Product | null;
  payments: SalePayment[];
  /** The terminal's paymentReaderId (only with `reader`; null: none set). */
  readerId: string | null;
  terminal?: PosTerminal;
  location?: Location;
  cashierName?: string;
}

/**
 * Locks the sale row FOR UPDATE and loads, in the same statement, its lines,
 * the tenant and whatever `options` asks for (JSON sub-selects, numerics as
 * text: src/db/map-json-row.ts), as managed entities (the sale's `items`
 * initialized). One statement instead of one per table: checkout
 * mutations are the hot path (docs/benchmarks.md).
 *
 * A statement that had to wait for the sale's lock returns the sale row as
 * the other transaction committed it, but the other tables as they were
 * when the statement began (PostgreSQL re-checks only the locked row). The
 * sale's version as of that start tells: when it differs from the locked
 * row's, the statement runs again, now holding the lock, and sees it all.
 */
export async function loadLockedSale(tx: TenantContext, saleId: string, options: SaleLoadOptions): Promise<LoadedSale> {
  if (!isUuid(saleId)) throw notFound(options.label, saleId);
  const statement = lockedSaleStatement(tx.em, tx.tenantId, saleId, options);
  let [row] = await query<LockedSaleRow>(tx.em, statement.sql, statement.params);
  if (row && row._snapshot_version !== row.version)
    [row] = await query<LockedSaleRow>(tx.em, statement.sql, statement.params);
  if (!row) throw notFound(options.label, saleId);
  return toEntities(tx.em, row, options);
}

function toEntities(em: EntityManager, row: LockedSaleRow, options: SaleLoadOptions): LoadedSale {
  const saleColumns = Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith('_')));
  const sale = em.map(Sale, saleColumns);
  sale.items.hydrate(row._items.map((item) => mapJsonRow(em, SaleItem, item)));
  return {
    sale,
    tenant: mapJsonRow(em, Tenant, row._tenant),
    sessionStatus: row._session_status ?? null,
    product: row._product ? mapJsonRow(em, Product, row._product) : null,
    payments: (row._payments ?? []).map((payment) => mapJsonRow(em, SalePayment, payment)),
    readerId: row._reader_id ?? null,
    ...(options.receipt
      ? {
          terminal: mapJsonRow(em, PosTerminal, row._terminal!),
          location: mapJsonRow(em, Location, row._location!),
          cashierName: row._cashier_name ?? '',
        }
      : {}),
  };
}
