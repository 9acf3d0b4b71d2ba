import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonObjectSql } from '../../../db/map-json-row';
import { Location, PosTerminal, Product, SaleItem, SalePayment, Tenant } from '../../../entities';
import type { PosSessionStatus } from '../../../entities/pos-session.entity';
import { isUuid } from '../../core/ids';
import type { SqlParams } from '../../core/sql';
import type { SaleLoadOptions } from './sale-load';

export type LockedSaleRow = Record<string, unknown> & {
  _snapshot_version: number;
  _tenant: Record<string, unknown>;
  _items: Array<Record<string, unknown>>;
  _session_status?: PosSessionStatus | null;
  _product?: Record<string, unknown> | null;
  _payments?: Array<Record<string, unknown>>;
  _reader_id?: string | null;
  _terminal?: Record<string, unknown>;
  _location?: Record<string, unknown>;
  _cashier_name?: string | null;
};

const PRODUCT_COLUMNS = { productId: 'id', sku: 'sku', barcode: 'barcode' } as const;

/** The one locking load's statement (sale-load.ts): the sale FOR UPDATE with what `options` asks for. */
export function lockedSaleStatement(em: EntityManager, tenant: string, sale: string, options: SaleLoadOptions) {
  const params: SqlParams = { sale, tenant };
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
       where pr.tenant_id = s.tenant_id and ${usable ? `pr.${PRODUCT_COLUMNS[field]} = :product` : 'false'}) as _product`);
    if (usable) params.product = value;
  }
  if (options.payments) {
    columns.push(`(select coalesce(json_agg(${json(SalePayment, 'pm')} order by pm.created_at, pm.id), '[]') from sale_payments pm
       where pm.sale_id = s.id and pm.tenant_id = s.tenant_id) as _payments`);
  }
  if (options.reader) {
    // A sub-select of the same statement: paying by card costs no extra round trip (docs/benchmarks.md).
    columns.push(`(select te.payment_reader_id from pos_terminals te
       where te.id = s.terminal_id and te.tenant_id = s.tenant_id) as _reader_id`);
  }
  if (options.receipt) {
    columns.push(
      `(select ${json(PosTerminal, 'te')} from pos_terminals te where te.id = s.terminal_id and te.tenant_id = s.tenant_id) as _terminal`,
      `(select ${json(Location, 'lo')} from locations lo where lo.id = s.location_id and lo.tenant_id = s.tenant_id) as _location`,
      `(select u.name from users u where u.id = s.cashier_id and u.tenant_id = s.tenant_id) as _cashier_name`,
    );
  }
  const sql = `select ${columns.join(',\n')}
    from sales s join tenants t on t.id = s.tenant_id
    where s.id = :sale and s.tenant_id = :tenant
    for update of s`;
  return { sql, params };
}
