import { EntityClass } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { TenantContext } from '../../../context';
import { jsonObjectSql, mapJsonRow } from '../../../db/map-json-row';
import { Location, PosTerminal, Product, Sale, SaleItem, SalePayment, Tenant } from '../../../entities';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { notFound } from '../../../errors';
import type { ProductKey } from '../cart/cart-rules';
import { isUuid } from '../../core/ids';

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
  terminal?: PosTerminal;
  location?: Location;
  cashierName?: string;
}

type Row = Record<string, unknown> & {
  _snapshot_version: number;
  _tenant: Record<string, unknown>;
  _items: Array<Record<string, unknown>>;
  _session_status?: PosSessionStatus | null;
  _product?: Record<string, unknown> | null;
  _payments?: Array<Record<string, unknown>>;
  _terminal?: Record<string, unknown>;
  _location?: Record<string, unknown>;
  _cashier_name?: string | null;
};

const PRODUCT_COLUMNS = { productId: 'id', sku: 'sku', barcode: 'barcode' } as const;

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
  const { sql, params } = loadStatement(tx.em, tx.tenantId, saleId, options);
  let [row] = await tx.em.execute<Row[]>(sql, params);
  if (row && row._snapshot_version !== row.version) [row] = await tx.em.execute<Row[]>(sql, params);
  if (!row) throw notFound(options.label, saleId);
  return toEntities(tx.em, row, options);
}

function loadStatement(em: EntityManager, tenantId: string, saleId: string, options: SaleLoadOptions) {
  const params: unknown[] = [];
  const json = (entity: EntityClass<object>, alias: string) => jsonObjectSql(em, entity, alias);
  const columns = [
    's.*',
    '(select v.version from sales v where v.id = s.id) as _snapshot_version',
    `${json(Tenant, 't')} as _tenant`,
    `(select coalesce(json_agg(${json(SaleItem, 'i')} order by i.line_no), '[]') from sale_items i
       where i.sale_id = s.id and i.tenant_id = s.tenant_id) as _items`,
  ];
  if (options.session) {
    columns.push(`(select p.status from pos_sessions p
       where p.id = s.session_id and p.tenant_id = s.tenant_id for share) as _session_status`);
  }
  if (options.product) {
    const { field, value } = options.product;
    // A productId that is no uuid matches nothing (NOT_FOUND), it is not a database error.
    const usable = field !== 'productId' || isUuid(value);
    columns.push(`(select ${json(Product, 'pr')} from products pr
       where pr.tenant_id = s.tenant_id and ${usable ? `pr.${PRODUCT_COLUMNS[field]} = ?` : 'false'}) as _product`);
    if (usable) params.push(value);
  }
  if (options.payments) {
    columns.push(`(select coalesce(json_agg(${json(SalePayment, 'pm')} order by pm.created_at, pm.id), '[]') from sale_payments pm
       where pm.sale_id = s.id and pm.tenant_id = s.tenant_id) as _payments`);
  }
  if (options.receipt) {
    columns.push(
      `(select ${json(PosTerminal, 'te')} from pos_terminals te where te.id = s.terminal_id and te.tenant_id = s.tenant_id) as _terminal`,
      `(select ${json(Location, 'lo')} from locations lo where lo.id = s.location_id and lo.tenant_id = s.tenant_id) as _location`,
      `(select u.name from users u where u.id = s.cashier_id and u.tenant_id = s.tenant_id) as _cashier_name`,
    );
  }
  params.push(saleId, tenantId);
  const sql = `select ${columns.join(',\n')}
    from sales s join tenants t on t.id = s.tenant_id
    where s.id = ? and s.tenant_id = ?
    for update of s`;
  return { sql, params };
}

function toEntities(em: EntityManager, row: Row, options: SaleLoadOptions): LoadedSale {
  const saleColumns = Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith('_')));
  const sale = em.map(Sale, saleColumns);
  sale.items.hydrate(row._items.map((item) => mapJsonRow(em, SaleItem, item)));
  return {
    sale,
    tenant: mapJsonRow(em, Tenant, row._tenant),
    sessionStatus: row._session_status ?? null,
    product: row._product ? mapJsonRow(em, Product, row._product) : null,
    payments: (row._payments ?? []).map((payment) => mapJsonRow(em, SalePayment, payment)),
    ...(options.receipt
      ? {
          terminal: mapJsonRow(em, PosTerminal, row._terminal!),
          location: mapJsonRow(em, Location, row._location!),
          cashierName: row._cashier_name ?? '',
        }
      : {}),
  };
}
