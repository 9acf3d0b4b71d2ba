import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values clients switch on (docs/architecture.md, Errors). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INSUFFICIENT_STOCK',
  'SESSION_NOT_OPEN',
  'SESSION_ALREADY_OPEN',
  'SALE_NOT_EDITABLE',
  'PAYMENT_REQUIRED',
  'PAYMENT_DECLINED',
  'OVERPAYMENT',
  'REFUND_EXCEEDS_SALE',
  'DISCOUNT_APPROVAL_REQUIRED',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'TERMINAL_INACTIVE',
  'TOO_MANY_ATTEMPTS',
  'APPROVAL_REQUIRED',
  'LAST_OWNER',
  'PAY_OUT_EXCEEDS_CASH',
  'SERVICE_UNAVAILABLE',
  'OUTCOME_UNKNOWN',
  'SALE_NUMBER_OUT_OF_SEQUENCE',
  'CLIENT_ID_REUSED',
  'PAYMENT_GATEWAY_NOT_CONFIGURED',
  'CHECKOUT_RELEASED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A business rule said no: shown to the client as is. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => new DomainError('FORBIDDEN', message);
export const notFound = (entity: string, id?: string) =>
  new DomainError('NOT_FOUND', id ? `${entity} ${id} not found` : `${entity} not found`, { entity });
/** Bad input, naming the field so a form can point at it. */
export const badInput = (field: string, message: string) =>
  new DomainError('BAD_USER_INPUT', `${field}: ${message}`, { field });

/** The database could not be reached or retries ran out: nothing was written, the same request may be sent again. */
export const serviceUnavailable = (message = 'The service is temporarily unavailable: retry') =>
  new DomainError('SERVICE_UNAVAILABLE', message, { retryable: true });
/**
 * The connection was lost while the transaction was being committed: it may
 * or may not have taken effect. Retrying with the same idempotency key (or
 * client id, or version) is safe and tells which.
 */
export const outcomeUnknown = () =>
  new DomainError('OUTCOME_UNKNOWN', 'The change may or may not have been saved: retry with the same idempotency key', {
    retryable: true,
  });
