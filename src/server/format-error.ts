import { GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/db-availability';
import { ERROR_CODES, serviceUnavailable } from '../errors';
import { asQueryTooComplex, QUERY_TOO_COMPLEX } from './limits/operation-limits';
import { RETRYABLE_CODES } from './retryable-status';

/** Codes a client may see as they are: the domain's, the operation limits', the retryable ones and Apollo's own. */
const CLIENT_CODES: ReadonlySet<string> = new Set([
  ...ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  QUERY_TOO_COMPLEX,
  ...RETRYABLE_CODES,
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** class-validator's nested errors as `path: message` pairs. */
function flattenValidation(errors: ValidationErrorLike[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}

/**
 * What a client sees of an error: domain and validation errors as they are
 * (validation with the fields named), anything else as a bare
 * INTERNAL_SERVER_ERROR (the logging plugin has logged it with the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const tooComplex = asQueryTooComplex(error);
  if (tooComplex) {
    return { message: tooComplex.message, locations: formatted.locations, extensions: { code: QUERY_TOO_COMPLEX } };
  }
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } })?.extensions
    ?.validationErrors;
  if (validationErrors) {
    const fields = flattenValidation(validationErrors);
    return {
      message: `Invalid input: ${fields.map((f) => f.message).join('; ')}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', fields, field: fields[0]?.field },
    };
  }
  // A value PostgreSQL cannot parse (a malformed uuid that slipped past a service) is bad input, not a crash.
  if ((original as { code?: string })?.code === '22P02') {
    return {
      message: 'Invalid input: a value (usually an id) is malformed',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  // A read (or token check) that found the database gone, outside any transaction.
  if (isDatabaseUnavailable(original)) {
    const { message, extensions } = serviceUnavailable();
    return { message, path: formatted.path, locations: formatted.locations, extensions };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** True when an error is not one the client is meant to see (so it must be logged). */
export function isInternal(error: { extensions?: Record<string, unknown>; originalError?: unknown }): boolean {
  const original = error.originalError as { code?: string; extensions?: { validationErrors?: unknown } } | undefined;
  if (original?.extensions?.validationErrors || original?.code === '22P02') return false;
  const code = error.extensions?.code as string | undefined;
  return !code || !CLIENT_CODES.has(code);
}
