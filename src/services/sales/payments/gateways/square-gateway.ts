import { setTimeout as sleep } from 'node:timers/promises';
import { Square, SquareClient, SquareEnvironment, SquareError, SquareTimeoutError } from 'square';
import { GatewayAccounts, ProviderAccount, readerFor } from '../gateway-accounts';
import {
  AmountRequest,
  AuthorizeRequest,
  AuthorizeResult,
  GatewayCallOptions,
  GatewayError,
  GatewayResult,
  GatewayTimeoutError,
  LookupRequest,
  LookupResult,
  PaymentGateway,
  TransactionRequest,
  withDeadline,
} from '../payment-gateway';
import { toMinorUnits } from './minor-units';
import {
  authorizeResultOf,
  CHECKOUT_REF,
  checkoutRaw,
  checkoutReference,
  lookupResultOf,
  paymentRaw,
  squareKey,
} from './square-mapping';

export interface SquareGatewayOptions {
  /** Where the SDK sends requests (a local fake in tests); unset: Square production. */
  apiUrl?: string;
  /** How often the Terminal checkout is asked whether the buyer has paid; default 500 ms. */
  pollMs?: number;
}

/** How far back lookup searches the device's checkouts: an authorization is voided well within this. */
const LOOKUP_WINDOW_MS = 24 * 3600_000;
const FINISHED = new Set(['COMPLETED', 'CANCELED']);

/**
 * Square Terminal (docs/payments.md, "Square"): authorize creates a Terminal
 * checkout on the paying register's paired device (else the account's) with `autocomplete: false` and waits
 * for it to finish, which leaves an APPROVED payment; capture completes it,
 * void cancels it (or refunds a completed one in full), refunds use the
 * Refunds API. Idempotency keys go to Square's `idempotency_key`.
 */
export class SquareGateway implements PaymentGateway {
  readonly name = 'SQUARE';
  private readonly pollMs: number;

  constructor(
    private readonly accounts: GatewayAccounts,
    private readonly options: SquareGatewayOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
  }

  async authorize(request: AuthorizeRequest, options: GatewayCallOptions): Promise<AuthorizeResult> {
    return this.call('authorize', request.tenantId, options, async (square, account, opts) => {
      let { checkout } = await square.terminal.checkouts.create(
        {
          idempotencyKey: squareKey(request.idempotencyKey, 64),
          checkout: {
            amountMoney: {
              amount: BigInt(toMinorUnits(request.amount, request.currency)),
              currency: request.currency as Square.Currency,
            },
            referenceId: checkoutReference(request.idempotencyKey),
            deviceOptions: { deviceId: readerFor(account, 'SQUARE', request.readerId) },
            paymentOptions: { autocomplete: false },
          },
        },
        opts,
      );
      // The buyer taps, inserts or gives up on the terminal now: wait for the checkout to finish.
      while (checkout && !FINISHED.has(checkout.status ?? '')) {
        await sleep(this.pollMs, undefined, { signal: opts.abortSignal });
        ({ checkout } = await square.terminal.checkouts.get({ checkoutId: checkout.id! }, opts));
      }
      if (!checkout) throw new GatewayError('checkout_missing', 'Square answered without a checkout');
      return authorizeResultOf(checkout);
    });
  }

  async capture(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.call('capture', request.tenantId, options, async (square, _account, opts) => {
      const { payment } = await square.payments.get({ paymentId: request.transactionRef }, opts);
      const authorized = BigInt(toMinorUnits(request.amount, payment?.amountMoney?.currency ?? 'USD'));
      if (payment?.amountMoney?.amount !== authorized) {
        throw new GatewayError('amount_mismatch', 'Square completes the whole authorized amount only');
      }
      // Completing is idempotent by its nature: a payment already COMPLETED is the answer a retry needs.
      if (payment.status === 'COMPLETED') return { transactionRef: payment.id!, raw: paymentRaw(payment) };
      const completed = await square.payments.complete({ paymentId: request.transactionRef }, opts);
      return { transactionRef: request.transactionRef, raw: paymentRaw(completed.payment!) };
    });
  }

  /** Cancels a checkout still on the terminal or an APPROVED payment; a COMPLETED one is refunded in full. */
  async void(request: TransactionRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.call('void', request.tenantId, options, async (square, _account, opts) => {
      if (request.transactionRef.startsWith(CHECKOUT_REF)) {
        const checkoutId = request.transactionRef.slice(CHECKOUT_REF.length);
        const { checkout } = await square.terminal.checkouts.cancel({ checkoutId }, opts);
        return { transactionRef: request.transactionRef, raw: checkoutRaw(checkout!) };
      }
      const { payment } = await square.payments.get({ paymentId: request.transactionRef }, opts);
      if (payment?.status === 'COMPLETED') {
        const { refund } = await square.refunds.refundPayment(
          {
            idempotencyKey: squareKey(request.idempotencyKey),
            paymentId: payment.id!,
            amountMoney: payment.amountMoney!,
          },
          opts,
        );
        return { transactionRef: payment.id!, raw: { ...paymentRaw(payment), refund: refundRaw(refund!) } };
      }
      const canceled = await square.payments.cancel({ paymentId: request.transactionRef }, opts);
      return { transactionRef: request.transactionRef, raw: paymentRaw(canceled.payment!) };
    });
  }

  async refund(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.call('refund', request.tenantId, options, async (square, _account, opts) => {
      const { payment } = await square.payments.get({ paymentId: request.transactionRef }, opts);
      const currency = payment?.amountMoney?.currency ?? 'USD';
      const { refund } = await square.refunds.refundPayment(
        {
          idempotencyKey: squareKey(request.idempotencyKey),
          paymentId: request.transactionRef,
          amountMoney: { amount: BigInt(toMinorUnits(request.amount, currency)), currency },
        },
        opts,
      );
      return { transactionRef: request.transactionRef, raw: refundRaw(refund!) };
    });
  }

  /** Searches the device's recent checkouts (the one authorize used) for the one whose reference id is our key's. */
  async lookup(request: LookupRequest, options: GatewayCallOptions): Promise<LookupResult | null> {
    return this.call('lookup', request.tenantId, options, async (square, account, opts) => {
      const reference = checkoutReference(request.idempotencyKey);
      const deviceId = readerFor(account, 'SQUARE', request.readerId);
      const startAt = new Date(Date.now() - LOOKUP_WINDOW_MS).toISOString();
      let cursor: string | undefined;
      do {
        const page = await square.terminal.checkouts.search(
          { query: { filter: { deviceId, createdAt: { startAt } } }, limit: 100, cursor },
          opts,
        );
        const found = page.checkouts?.find((c) => c.referenceId === reference);
        if (found) return lookupResultOf(found);
        cursor = page.cursor;
      } while (cursor);
      return null;
    });
  }

  /** One call with the tenant's client under the deadline; Square's errors become ours. */
  private call<T>(
    operation: string,
    tenantId: string,
    options: GatewayCallOptions,
    work: (square: SquareClient, account: ProviderAccount, opts: SquareRequestOptions) => Promise<T>,
  ): Promise<T> {
    return withDeadline(operation, options, async (signal) => {
      const account = await this.accounts.load(tenantId, 'SQUARE');
      const square = new SquareClient({
        token: account.secrets.apiKey,
        ...(this.options.apiUrl ? { baseUrl: this.options.apiUrl } : { environment: SquareEnvironment.Production }),
        maxRetries: 1,
      });
      const opts = {
        // A fresh child signal per request: the SDK leaves its abort listener on the signal it is given,
        // and a checkout polled for seconds would pile them up on the deadline's one.
        get abortSignal() {
          return AbortSignal.any([signal]);
        },
        timeoutInSeconds: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
      };
      try {
        return await work(square, account, opts);
      } catch (error) {
        throw gatewayErrorOf(operation, options, error);
      }
    });
  }
}

type SquareRequestOptions = { abortSignal: AbortSignal; timeoutInSeconds: number };

function refundRaw(refund: Square.PaymentRefund): Record<string, unknown> {
  return {
    id: refund.id,
    object: 'refund',
    status: refund.status,
    amount: refund.amountMoney.amount?.toString() ?? null,
    currency: refund.amountMoney.currency ?? null,
    paymentId: refund.paymentId ?? null,
  };
}

/** Square's first error code, lower snake case; no HTTP answer at all is an unknown outcome, like a timeout. */
function gatewayErrorOf(operation: string, options: GatewayCallOptions, error: unknown): unknown {
  if (error instanceof GatewayError) return error;
  if (error instanceof SquareTimeoutError) return new GatewayTimeoutError(operation, options.timeoutMs);
  if (error instanceof SquareError) {
    if (error.statusCode === undefined) return new GatewayTimeoutError(operation, options.timeoutMs);
    const first = error.errors[0];
    return new GatewayError(String(first?.code ?? 'square_error').toLowerCase(), first?.detail ?? error.message, {
      statusCode: error.statusCode,
      errors: error.errors.map((e) => ({ category: e.category, code: e.code })),
    });
  }
  return error;
}
