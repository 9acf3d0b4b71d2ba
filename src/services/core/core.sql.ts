import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { pgArray, query } from './sql';

/** The statements of the shared services: idempotency records and document counters. */

export interface IdempotencyClaim {
  id: string;
  key: string;
  operation: string;
  requestHash: string;
  response: unknown;
}

/**
 * Claims the keys by one insert, in key order (two batches sharing keys
 * wait on each other, never deadlock): the ids of the claims this call made;
 * a key that already has a record, or comes twice, is claimed once at most.
 */
export async function claimIdempotencyKeys(
  em: EntityManager,
  tenant: string,
  claims: readonly IdempotencyClaim[],
): Promise<Set<string>> {
  const rows = await query<{ id: string }>(
    em,
    `insert into idempotency_records (id, tenant_id, created_at, key, operation, request_hash, response)
     select c.id, :tenant, now(), c.key, c.operation, c.request_hash, c.response
     from jsonb_to_recordset(:claims::jsonb) as c (id uuid, key text, operation text, request_hash text, response jsonb)
     order by c.key
     on conflict (tenant_id, key) do nothing returning id`,
    {
      tenant,
      claims: JSON.stringify(
        claims.map((c) => ({
          id: c.id,
          key: c.key,
          operation: c.operation,
          request_hash: c.requestHash,
          response: c.response ?? {},
        })),
      ),
    },
  );
  return new Set(rows.map((r) => r.id));
}

export interface IdempotencyRecordRow {
  key: string;
  operation: string;
  requestHash: string;
  response: unknown;
}

/** The records of the keys, by key. */
export async function idempotencyRecords(
  em: EntityManager,
  tenant: string,
  keys: readonly string[],
): Promise<Map<string, IdempotencyRecordRow>> {
  const rows = await query<IdempotencyRecordRow>(
    em,
    `select key, operation, request_hash as "requestHash", response from idempotency_records
     where tenant_id = :tenant and key in (select jsonb_array_elements_text(:keys::jsonb))`,
    { tenant, keys: JSON.stringify(keys) },
  );
  return new Map(rows.map((r) => [r.key, r]));
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

/** Stores each claim's response over the one it was claimed with. */
export async function storeIdempotentResponses(
  em: EntityManager,
  tenant: string,
  responses: ReadonlyArray<{ id: string; response: unknown }>,
): Promise<void> {
  await query(
    em,
    `update idempotency_records r set response = c.response
     from jsonb_to_recordset(:responses::jsonb) as c (id uuid, response jsonb)
     where r.id = c.id and r.tenant_id = :tenant`,
    { tenant, responses: JSON.stringify(responses) },
  );
}

/** Withdraws claims whose work was rejected, so a retry runs it again. */
export async function withdrawIdempotencyClaims(em: EntityManager, tenant: string, ids: readonly string[]) {
  await query(em, 'delete from idempotency_records where tenant_id = :tenant and id = any(:ids::uuid[])', {
    tenant,
    ids: pgArray(ids),
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

/** Sets the counter to `to` if it holds `from` (the row stays locked); false when it does not. */
export async function advanceCounter(
  em: EntityManager,
  tenant: string,
  series: string,
  from: number,
  to: number,
): Promise<boolean> {
  const rows = await query<{ last_value: number }>(
    em,
    `update document_counters set last_value = :to
     where tenant_id = :tenant and series = :series and last_value = :from returning last_value`,
    { tenant, series, from, to },
  );
  return rows.length > 0;
}

/** Creates the series at `value`; false when it already exists. */
export async function startCounter(em: EntityManager, tenant: string, series: string, value: number): Promise<boolean> {
  const rows = await query<{ last_value: number }>(
    em,
    `insert into document_counters (id, tenant_id, series, last_value) values (:id, :tenant, :series, :value)
     on conflict (tenant_id, series) do nothing returning last_value`,
    { id: randomUUID(), tenant, series, value },
  );
  return rows.length > 0;
}

/** The series' last value; undefined before the series is started. */
export async function counterValue(
  em: EntityManager,
  tenant: string,
  series: string,
  lock: '' | 'for update' = '',
): Promise<number | undefined> {
  const [row] = await query<{ last_value: number }>(
    em,
    `select last_value from document_counters where tenant_id = :tenant and series = :series ${lock}`,
    { tenant, series },
  );
  return row ? Number(row.last_value) : undefined;
}
