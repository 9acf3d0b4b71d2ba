/**
 * What the money rules throw: a plain Error carrying `extensions.code` (and
 * the field), so src/money needs nothing but decimal.js and a web POS can run
 * it as it is. GraphQL takes the extensions of a thrown error as they are,
 * so the API answers exactly as for a DomainError (BAD_USER_INPUT naming the
 * field, OVERPAYMENT, REFUND_EXCEEDS_SALE, ...).
 */
export class MoneyError extends Error {
  readonly extensions: Record<string, unknown> & { code: string };

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MoneyError';
    this.extensions = { code, ...details };
  }

  get code(): string {
    return this.extensions.code;
  }
}

/** Bad input, naming the field (the message format of the API's BAD_USER_INPUT). */
export const badInput = (field: string, message: string) =>
  new MoneyError('BAD_USER_INPUT', `${field}: ${message}`, { field });
