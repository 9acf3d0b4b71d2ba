import type { EntityManager } from '@mikro-orm/postgresql';

/** Values a statement may bind by name. */
export type SqlParams = Record<string, unknown>;

/**
 * Runs `sql` with `:name` placeholders (PostgreSQL `::casts` are left alone)
 * in the EntityManager's transaction. Every hand-written statement of the
 * services goes through here; lists are bound as one array parameter
 * (`= any(:ids::uuid[])` or `unnest(...)`, see `pgArray`), never spliced in.
 */
export async function query<R>(em: EntityManager, sql: string, params: SqlParams): Promise<R[]> {
  const values: unknown[] = [];
  const text = sql.replace(/(?<!:):([a-zA-Z_]\w*)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`SQL: no value for :${name}`);
    values.push(params[name]);
    return '?';
  });
  return em.execute<R[]>(text, values);
}

/** A PostgreSQL array literal of uuids or numbers (no quoting needed), bound as one parameter. */
export function pgArray(values: ReadonlyArray<string | number>): string {
  return `{${values.join(',')}}`;
}
