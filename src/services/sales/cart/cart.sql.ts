import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../core/sql';
import type { DisplayStore } from './cart-events';

export interface CartRow {
  id: string;
  tenant: string;
  terminal: string;
  cashier: string;
  customer: string | null;
}

/**
 * The cart's one statement: inserts it from the terminal row (active) and
 * its OPEN session, both held FOR SHARE meanwhile (a close waits), with the
 * tenant's expiry; no row when any of them is missing or the id is taken.
 * Returns the sale's columns and what the display shows of the tenant.
 */
export function insertCartRow(em: EntityManager, cart: CartRow) {
  return query<Record<string, unknown> & { _store: DisplayStore }>(
    em,
    `insert into sales (id, tenant_id, created_at, updated_at, status, subtotal, discount_amount, tax_amount,
       total_amount, paid_amount, change_amount, rounding_adjustment, terminal_id, session_id, location_id,
       cashier_id, customer_id, version, expires_at)
     select :id, t.tenant_id, now(), now(), 'DRAFT', 0, 0, 0, 0, 0, 0, 0, t.id, p.id, t.location_id,
       :cashier, :customer::uuid, 1, now() + make_interval(mins => tn.cart_expiry_minutes)
     from pos_terminals t
     join pos_sessions p on p.tenant_id = t.tenant_id and p.terminal_id = t.id and p.status = 'OPEN'
     join tenants tn on tn.id = t.tenant_id
     where t.id = :terminal and t.tenant_id = :tenant and t.is_active
       and (:customer::uuid is null or exists (select 1 from customers c where c.id = :customer::uuid and c.tenant_id = t.tenant_id))
     for share of t, p
     on conflict (id) do nothing
     returning sales.*, (select json_build_object('currency', tn.currency, 'name', tn.name, 'pricesIncludeTax', tn.prices_include_tax)
       from tenants tn where tn.id = sales.tenant_id) as _store`,
    { ...cart },
  );
}
