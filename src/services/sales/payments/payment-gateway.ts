import Decimal from 'decimal.js';

/**
 * The boundary to a card / wallet acquirer (docs/payments.md). The simulator
 * implements it now; Stripe, Square and local acquirers will later. Every call
 * is keyed by an idempotency key so a retry after a lost answer never charges
 * twice, and every call has a deadline: running past it is a
 * `GatewayTimeoutError`, an outcome distinct from a decline because the
 * acquirer may still have acted.
 */
export interface PaymentGateway {
  /** The tenant setting (`Tenant.paymentGateway`) that selects this implementation. */
  readonly name: string;

  /** Asks the acquirer to approve `amount`; a decline is a result, not an error. */
  authorize(request: AuthorizeRequest, options: GatewayCallOptions): Promise<AuthorizeResult>;

  /** Settles (all or part of) an approved authorization. */
  capture(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult>;

  /** Cancels an authorization (or a capture not yet refunded) so the customer is not charged. */
  void(request: TransactionRequest, options: GatewayCallOptions): Promise<GatewayResult>;

  /** Returns up to the captured amount, less what was refunded already. */
  refund(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult>;

  /**
   * Finds the authorization an earlier `authorize` with this idempotency key
   * created, or null if the acquirer never saw it: after a timeout this is how
   * a possibly-approved authorization is found so it can be voided.
   */
  lookup(request: LookupRequest, options: GatewayCallOptions): Promise<LookupResult | null>;
}

export type GatewayMethod = 'CARD' | 'MOBILE_WALLET';

/** Every call ends by `timeoutMs` at the latest, or earlier when `signal` aborts. */
export interface GatewayCallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

interface TenantRequest {
  tenantId: string;
  /** Same key and same request: the acquirer answers with its first result instead of acting again. */
  idempotencyKey: string;
}

/** Calls that reach a card reader: the paying register's, else the gateway account's (docs/payments.md, "Readers"). */
interface ReaderRequest extends TenantRequest {
  /** Stripe reader id / Square device id of the register; null or absent: the account's reader. */
  readerId?: string | null;
}

export interface AuthorizeRequest extends ReaderRequest {
  amount: Decimal;
  /** ISO 4217. */
  currency: string;
  method: GatewayMethod;
  /** A card token (a test card number for the simulator) or a wallet id, as the client sent it. */
  reference: string;
}

export interface TransactionRequest extends TenantRequest {
  transactionRef: string;
}

export interface AmountRequest extends TransactionRequest {
  amount: Decimal;
}

export type LookupRequest = ReaderRequest;

/** What every call answers: the acquirer's reference and its response as is (stored as JSON). */
export interface GatewayResult {
  transactionRef: string;
  raw: Record<string, unknown>;
}

export interface AuthorizeResult extends GatewayResult {
  status: 'APPROVED' | 'DECLINED';
  /** Machine-readable, e.g. "card_declined", "insufficient_funds"; present when DECLINED. */
  declineReason?: string;
}

/**
 * What a lookup finds: a final authorization, or one still PENDING at the
 * acquirer (a card reader still waiting for the card), which void-on-timeout
 * cancels since it cannot be confirmed.
 */
export interface LookupResult extends Omit<AuthorizeResult, 'status'> {
  status: AuthorizeResult['status'] | 'PENDING';
}

/** The acquirer refused the call itself (unknown transaction, amount over what was captured, ...). */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly raw: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/**
 * No answer before the deadline (or the caller aborted): the outcome is
 * unknown. The payment is recorded FAILED with reason "timeout" and a possibly
 * approved authorization is voided (docs/payments.md, void on timeout).
 */
export class GatewayTimeoutError extends GatewayError {
  constructor(operation: string, timeoutMs: number, aborted = false) {
    super(
      'timeout',
      aborted ? `${operation} aborted by the caller` : `${operation} got no answer within ${timeoutMs} ms`,
    );
    this.name = 'GatewayTimeoutError';
  }
}

/**
 * Runs one acquirer call under the options' deadline: `call` gets a signal to
 * hand to its HTTP client, and running past the deadline (or an abort from the
 * caller) becomes a `GatewayTimeoutError` whether or not `call` honours the signal.
 */
export async function withDeadline<T>(
  operation: string,
  options: GatewayCallOptions,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const timedOut = () => new GatewayTimeoutError(operation, options.timeoutMs, !deadline.aborted);
  if (signal.aborted) throw timedOut();
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([call(signal), aborted]);
  } catch (error) {
    // A call that honours the signal rejects with its own AbortError: report it as the timeout it is.
    if (signal.aborted && !(error instanceof GatewayTimeoutError)) throw timedOut();
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
