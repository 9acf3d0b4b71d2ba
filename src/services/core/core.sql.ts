import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { query } from './sql';

/** The statements of the shared services: idempotency records and document counters. */

/** Claims the key by one insert: the id when this call claimed it, none when a record already exists. */
export async function claimIdempotencyKey(
  em: EntityManager,
  record: { id: string; tenant: string; key: string; operation: string; requestHash: string; response: unknown },
): Promise<boolean> {
  const claimed = await query<{ id: string }>(
    em,
    `insert into idempotency_records (id, tenant_id, created_at, key, operation, request_hash, response)
     values (:id, :tenant, now(), :key, :operation, :requestHash, :response::jsonb)
     on conflict (tenant_id, key) do nothing returning id`,
    { ...record, response: JSON.stringify(record.response ?? {}) },
  );
  return claimed.length > 0;
}

/** The stored response of a claimed key, its record locked until the transaction ends. */
export async function lockIdempotencyRecord(em: EntityManager, tenant: string, key: string): Promise<unknown> {
  const [row] = await query<{ response: unknown }>(
    em,
    'select response from idempotency_records where tenant_id = :tenant and key = :key for update',
    { tenant, key },
  );
  return row?.response;
}

export async function storeIdempotentResponse(em: EntityManager, tenant: string, id: string, response: unknown) {
  await query(em, 'update idempotency_records set response = :response::jsonb where id = :id and tenant_id = :tenant', {
    response: JSON.stringify(response),
    id,
    tenant,
  });
}

/** The series' next value, gapless: the counter row stays locked until the transaction ends. */
export async function nextCounterValue(em: EntityManager, tenant: string, series: string): Promise<number> {
  const [row] = await query<{ last_value: number }>(
    em,
    `insert into document_counters (id, tenant_id, series, last_value) values (:id, :tenant, :series, 1)
     on conflict (tenant_id, series) do update set last_value = document_counters.last_value + 1
     returning last_value`,
    { id: randomUUID(), tenant, series },
  );
  return Number(row.last_value);
}

/** Sets the counter to `value` if it holds `value - 1` (the row stays locked); false when it does not. */
export async function advanceCounterTo(
  em: EntityManager,
  tenant: string,
  series: string,
  value: number,
): Promise<boolean> {
  const rows = await query<{ last_value: number }>(
    em,
    `update document_counters set last_value = :value
     where tenant_id = :tenant and series = :series and last_value = :value - 1 returning last_value`,
    { tenant, series, value },
  );
  return rows.length > 0;
}

/** Starts the series at 1; false when it already exists. */
export async function startCounter(em: EntityManager, tenant: string, series: string): Promise<boolean> {
  const rows = await query<{ last_value: number }>(
    em,
    `insert into document_counters (id, tenant_id, series, last_value) values (:id, :tenant, :series, 1)
     on conflict (tenant_id, series) do nothing returning last_value`,
    { id: randomUUID(), tenant, series },
  );
  return rows.length > 0;
}

/** The series' last value, 0 before its first. */
export async function counterValue(em: EntityManager, tenant: string, series: string): Promise<number> {
  const [row] = await query<{ last_value: number }>(
    em,
    'select last_value from document_counters where tenant_id = :tenant and series = :series',
    { tenant, series },
  );
  return row ? Number(row.last_value) : 0;
}
