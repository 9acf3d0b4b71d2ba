import { ConnectionException } from '@mikro-orm/core';

/** SQLSTATE classes and codes that mean "the database is not there right now", not "the request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '58030']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What pg, knex and MikroORM say when a connection is gone or cannot be had (they carry no code). */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Timeout acquiring a connection',
  'Client was closed and is not queryable',
  'terminating connection',
  'the database system is',
  // knex, for a query on a transaction its broken connection already ended
  'Transaction query already complete',
];

/** The error and what it wraps (MikroORM keeps the driver's error in `previous`, others in `cause`). */
function* chain(error: unknown): Generator<Record<string, unknown>> {
  let current = error as Record<string, unknown> | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    yield current;
    current = (current.previous ?? current.cause) as Record<string, unknown> | undefined;
  }
}

/**
 * True when `error` says the database could not be reached or dropped the
 * connection (refused, reset, shut down by an administrator, starting up,
 * out of connections, pool exhausted): the request may succeed if retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e instanceof ConnectionException) return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    if (e.name === 'KnexTimeoutError') return true;
  }
  return false;
}
