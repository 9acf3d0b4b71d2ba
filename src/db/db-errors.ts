import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError, badInput } from '../errors';

/**
 * Unique indexes named here become domain errors instead of a 500. The key is
 * the constraint name; a constraint not listed falls through unchanged.
 */
const UNIQUE_CONSTRAINTS: Readonly<Record<string, () => DomainError>> = {
  tenants_slug_unique: () => badInput('slug', 'is already taken'),
  users_tenant_id_email_unique: () => badInput('email', 'is already used by another user of this tenant'),
  locations_tenant_id_code_unique: () => badInput('code', 'is already used by another location of this tenant'),
  products_tenant_id_sku_unique: () => badInput('sku', 'is already used by another product of this tenant'),
  products_tenant_id_barcode_unique: () => badInput('barcode', 'is already used by another product of this tenant'),
  pos_terminals_tenant_id_code_unique: () => badInput('code', 'is already used by another terminal of this tenant'),
  sales_pkey: () => badInput('id', 'is already used by another cart'),
  // Numbers come from gapless counters; a clash means a retried transaction raced: retrying the request is safe.
  sales_tenant_id_sale_number_unique: () =>
    new DomainError('CONFLICT', 'The sale number was taken concurrently: retry'),
  sale_refunds_tenant_id_refund_number_unique: () =>
    new DomainError('CONFLICT', 'The refund number was taken concurrently: retry'),
  pos_sessions_open_terminal_unique: () =>
    new DomainError('SESSION_ALREADY_OPEN', 'This terminal already has an open session'),
};

function constraintName(error: DriverException): string | undefined {
  const e = error as DriverException & { constraint?: string };
  if (e.constraint) return e.constraint;
  return /constraint "([^"]+)"/.exec(error.message)?.[1];
}

/** Turns a known unique violation into its domain error; anything else is returned as it came. */
export function translateDbError(error: unknown): unknown {
  if (error instanceof UniqueConstraintViolationException) {
    const name = constraintName(error);
    const toError = name ? UNIQUE_CONSTRAINTS[name] : undefined;
    if (toError) return toError();
  }
  return error;
}

/** PostgreSQL codes worth retrying the whole transaction for. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}
