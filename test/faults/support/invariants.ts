import type { TestApp } from '../../support/test-app';

/*
 * What must hold in the database after any fault, checked by SQL over the
 * whole tenant. Each query returns the rows that break its rule, so a
 * failure names them.
 */
const RULES: Record<string, string> = {
  // on_hand = the sum of the movements = what the cost layers still hold
  stockMatchesMovementsAndLayers: `
    select l.product_id, l.on_hand,
      (select coalesce(sum(m.quantity), 0) from stock_movements m
       where m.tenant_id = l.tenant_id and m.product_id = l.product_id and m.location_id = l.location_id) as movements,
      (select coalesce(sum(v.remaining), 0) from valuation_layers v
       where v.tenant_id = l.tenant_id and v.product_id = l.product_id and v.location_id = l.location_id) as layers
    from stock_levels l where l.tenant_id = $1
    except
    select l.product_id, l.on_hand, l.on_hand, l.on_hand from stock_levels l where l.tenant_id = $1`,
  // a live reservation belongs to a live cart; reserved = what those reservations hold
  reservationsOnlyOnLiveCarts: `
    select r.id, s.status from stock_reservations r left join sales s on s.id::text = r.reference_id::text and s.tenant_id = r.tenant_id
    where r.tenant_id = $1 and not r.released and not r.consumed
      and (s.id is null or s.status not in ('DRAFT', 'PENDING', 'PARTIALLY_PAID'))`,
  reservedMatchesReservations: `
    select l.product_id, l.reserved from stock_levels l where l.tenant_id = $1
      and l.reserved <> (select coalesce(sum(r.quantity), 0) from stock_reservations r
        where r.tenant_id = l.tenant_id and r.product_id = l.product_id and r.location_id = l.location_id
          and not r.released and not r.consumed)`,
  // a completed sale was paid exactly its total plus cash rounding, by its payments
  paidEqualsTotalPlusRounding: `
    select s.id, s.paid_amount, s.total_amount, s.rounding_adjustment from sales s
    where s.tenant_id = $1 and s.status = 'COMPLETED' and (s.paid_amount <> s.total_amount + s.rounding_adjustment
      or s.paid_amount <> (select coalesce(sum(p.amount), 0) from sale_payments p
        where p.sale_id = s.id and p.tenant_id = s.tenant_id and p.status = 'COMPLETED'))`,
  // one stock movement per completed sale line, none for a sale that did not complete
  oneMovementPerSoldLine: `
    select s.id, s.status, count(m.id) as movements from sales s
    left join stock_movements m on m.reference_id::text = s.id::text and m.tenant_id = s.tenant_id and m.type = 'OUT'
    where s.tenant_id = $1
    group by s.id, s.status
    having count(m.id) <> case when s.status = 'COMPLETED'
      then (select count(*) from sale_items i where i.sale_id = s.id and i.tenant_id = s.tenant_id) else 0 end`,
  // sale numbers per terminal are 1..n with no gap and no repeat, and the counter stands at n
  gaplessNumbersPerTerminal: `
    select s.terminal_id, count(*) as numbered, count(distinct s.sale_number) as distinct_numbers,
      max(substring(s.sale_number from '[0-9]+$')::int) as highest,
      (select c.last_value from document_counters c where c.tenant_id = s.tenant_id and c.series = 'sale:' || s.terminal_id) as counter
    from sales s where s.tenant_id = $1 and s.sale_number is not null
    group by s.tenant_id, s.terminal_id
    having count(*) <> count(distinct s.sale_number)
      or count(*) <> max(substring(s.sale_number from '[0-9]+$')::int)
      or count(*) <> (select c.last_value from document_counters c where c.tenant_id = s.tenant_id and c.series = 'sale:' || s.terminal_id)`,
};

/** Every rule's offending rows (empty arrays when all hold): `expect(await brokenInvariants(...)).toEqual(NONE)`. */
export async function brokenInvariants(t: TestApp, tenantId: string): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(RULES))
    broken[name] = await t.sql(
      sql.replace(/\$1/g, '?'),
      sql.match(/\$1/g)!.map(() => tenantId),
    );
  return broken;
}

export const NONE: Record<string, unknown[]> = Object.fromEntries(Object.keys(RULES).map((name) => [name, []]));
