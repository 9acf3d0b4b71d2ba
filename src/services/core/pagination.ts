import { EntityName, FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors';

/** One page of a keyset-paginated list; `cursors[i]` is the cursor of `items[i]`. */
export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  /** Counted only when called: a search matching thousands of rows pays for the count only if asked. */
  totalCount: () => Promise<number>;
}

export interface PageRequest {
  /** 1-100, default 20. */
  first?: number | null;
  /** A cursor from a previous page. */
  after?: string | null;
}

/** The sort of a list: one column (a string, number or Date property) then the id, both in `direction`. */
export interface KeysetOrder<T> {
  field: keyof T & string;
  direction: 'asc' | 'desc';
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

type SortValue = string | number | Date;

/**
 * Keyset (seek) pagination over a MikroORM entity with a string `id`:
 * ordered by `order.field` then `id`, so pages are stable while rows are
 * added, and each page costs one indexed range scan (plus one count when the
 * caller asks for totalCount). The cursor
 * is opaque to clients (base64url JSON of the last row's sort key).
 * `where` must already hold the caller's filters, tenant included.
 * A malformed cursor is BAD_USER_INPUT on `after`.
 */
export async function keysetPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  order: KeysetOrder<T>,
  request: PageRequest,
): Promise<Page<T>> {
  const first = pageSize(request);
  const op = order.direction === 'asc' ? '$gt' : '$lt';
  const conditions: unknown[] = [where];
  if (request.after) {
    const [value, id] = decodeKeysetCursor(request.after);
    conditions.push({ $or: [{ [order.field]: { [op]: value } }, { [order.field]: value, id: { [op]: id } }] });
  }
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: [{ [order.field]: order.direction }, { id: order.direction }] as never,
    limit: first + 1,
  });
  return keysetResult(rows, first, order.field, () => em.count(entity, where));
}

/** The page size asked for, within 1-100. */
export function pageSize(request: PageRequest): number {
  return Math.min(Math.max(request.first ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
}

/**
 * The page of `rows` (up to `first + 1` in list order, the extra one telling
 * that more follow), with the cursors keysetPage gives, for a list read by
 * hand-written SQL in the same order.
 */
export function keysetResult<T extends { id: string }>(
  rows: T[],
  first: number,
  field: keyof T & string,
  totalCount: () => Promise<number>,
): Page<T> {
  const items = rows.slice(0, first);
  return {
    items,
    cursors: items.map((item) => encodeCursor(item[field] as SortValue, item.id)),
    hasNextPage: rows.length > first,
    totalCount,
  };
}

function encodeCursor(value: SortValue, id: string): string {
  const key = value instanceof Date ? { d: value.toISOString() } : { v: value };
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** The sort value and id a cursor of keysetPage or keysetResult holds; BAD_USER_INPUT on `after` when it is not one. */
export function decodeKeysetCursor(cursor: string): [SortValue, string] {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      { d?: string; v?: SortValue },
      string,
    ];
    const value = key.d !== undefined ? new Date(key.d) : key.v;
    if (value === undefined || typeof id !== 'string' || (value instanceof Date && Number.isNaN(value.getTime())))
      throw new Error();
    return [value, id];
  } catch {
    throw badInput('after', 'is not a cursor from this list');
  }
}
