import Stripe from 'stripe';
import { setTimeout as sleep } from 'node:timers/promises';
import { toMinorUnits } from './minor-units';
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
import { authorizeResultOf, intentRaw, lookupResultOf } from './stripe-mapping';
import { providerClientOptions } from './provider-url';

export interface StripeGatewayOptions {
  /** Where the SDK sends requests (a local fake in tests); unset: api.stripe.com. */
  apiUrl?: string;
  /** How often the reader is asked whether the customer has presented a card; default 500 ms. */
  pollMs?: number;
}

/** Our idempotency key, kept on the intent so lookup can find it without creating anything. */
const KEY_FIELD = 'pos_idempotency_key';

/**
 * Stripe Terminal, card present, server-driven (docs/payments.md, "Stripe"):
 * authorize creates a manual-capture PaymentIntent for `card_present`, hands
 * it to the paying register's reader, else the account's (`process_payment_intent`), and waits
 * for the reader's action to finish; capture, cancel (void) and refunds
 * follow on the intent. Every call uses the tenant's own secret key and
 * passes our idempotency key as Stripe's Idempotency-Key.
 */
export class StripeGateway implements PaymentGateway {
  readonly name = 'STRIPE';
  private readonly pollMs: number;

  constructor(
    private readonly accounts: GatewayAccounts,
    private readonly options: StripeGatewayOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
  }

  async authorize(request: AuthorizeRequest, options: GatewayCallOptions): Promise<AuthorizeResult> {
    return this.call('authorize', request.tenantId, options, async (stripe, account, signal) => {
      const readerId = readerFor(account, 'STRIPE', request.readerId);
      const intent = await stripe.paymentIntents.create(
        {
          amount: toMinorUnits(request.amount, request.currency),
          currency: request.currency.toLowerCase(),
          // This SDK's API version (2026-10-28) names it allowed_payment_method_types (formerly payment_method_types).
          allowed_payment_method_types: ['card_present'],
          capture_method: 'manual',
          metadata: { [KEY_FIELD]: request.idempotencyKey, pos_tenant: request.tenantId },
        },
        { idempotencyKey: request.idempotencyKey, timeout: options.timeoutMs },
      );
      let reader: Stripe.Terminal.Reader | Stripe.Terminal.DeletedReader =
        await stripe.terminal.readers.processPaymentIntent(
          readerId,
          { payment_intent: intent.id },
          { idempotencyKey: `process:${request.idempotencyKey}`, timeout: options.timeoutMs },
        );
      // The customer taps or inserts the card now: wait for the reader's action to finish.
      while (!reader.deleted && reader.action?.status === 'in_progress') {
        await sleep(this.pollMs, undefined, { signal });
        reader = await stripe.terminal.readers.retrieve(readerId, {}, { timeout: options.timeoutMs });
      }
      if (reader.deleted || !reader.action)
        throw new GatewayError('reader_action_missing', `reader ${readerId} reported no action`);
      const settled = await stripe.paymentIntents.retrieve(intent.id, {}, { timeout: options.timeoutMs });
      return authorizeResultOf(settled, reader.action);
    });
  }

  async capture(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.call('capture', request.tenantId, options, async (stripe) => {
      const intent = await stripe.paymentIntents.capture(
        request.transactionRef,
        { amount_to_capture: await this.minorUnitsOf(stripe, request, options) },
        { idempotencyKey: request.idempotencyKey, timeout: options.timeoutMs },
      );
      return { transactionRef: intent.id, raw: intentRaw(intent) };
    });
  }

  /** Cancels an uncaptured intent; a captured one (same day, nothing refunded) is refunded in full. */
  async void(request: TransactionRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.call('void', request.tenantId, options, async (stripe) => {
      const current = await stripe.paymentIntents.retrieve(request.transactionRef, {}, { timeout: options.timeoutMs });
      if (current.status === 'succeeded') {
        const refund = await stripe.refunds.create(
          { payment_intent: current.id, metadata: { pos_tenant: request.tenantId } },
          { idempotencyKey: request.idempotencyKey, timeout: options.timeoutMs },
        );
        return { transactionRef: current.id, raw: { ...intentRaw(current), refund: refundRaw(refund) } };
      }
      const canceled = await stripe.paymentIntents.cancel(
        current.id,
        {},
        { idempotencyKey: request.idempotencyKey, timeout: options.timeoutMs },
      );
      return { transactionRef: canceled.id, raw: intentRaw(canceled) };
    });
  }

  async refund(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.call('refund', request.tenantId, options, async (stripe) => {
      const refund = await stripe.refunds.create(
        {
          payment_intent: request.transactionRef,
          amount: await this.minorUnitsOf(stripe, request, options),
          metadata: { pos_tenant: request.tenantId },
        },
        { idempotencyKey: request.idempotencyKey, timeout: options.timeoutMs },
      );
      return { transactionRef: request.transactionRef, raw: refundRaw(refund) };
    });
  }

  /** By our key on the intent: the search does not go through the reader, so `readerId` is not needed. */
  async lookup(request: LookupRequest, options: GatewayCallOptions): Promise<LookupResult | null> {
    return this.call('lookup', request.tenantId, options, async (stripe) => {
      const key = request.idempotencyKey.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
      const found = await stripe.paymentIntents.search(
        { query: `metadata['${KEY_FIELD}']:'${key}'`, limit: 1 },
        { timeout: options.timeoutMs },
      );
      return found.data[0] ? lookupResultOf(found.data[0]) : null;
    });
  }

  /** An amount for an existing intent, in its currency's minor units (the intent knows the currency). */
  private async minorUnitsOf(stripe: Stripe, request: AmountRequest, options: GatewayCallOptions): Promise<number> {
    const intent = await stripe.paymentIntents.retrieve(request.transactionRef, {}, { timeout: options.timeoutMs });
    return toMinorUnits(request.amount, intent.currency);
  }

  /** One call with the tenant's client under the deadline; Stripe's errors become ours. */
  private call<T>(
    operation: string,
    tenantId: string,
    options: GatewayCallOptions,
    work: (stripe: Stripe, account: ProviderAccount, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return withDeadline(operation, options, async (signal) => {
      const account = await this.accounts.load(tenantId, 'STRIPE');
      const stripe = new Stripe(account.secrets.apiKey, {
        ...providerClientOptions(this.options.apiUrl),
        maxNetworkRetries: 1,
        telemetry: false,
      });
      try {
        return await work(stripe, account, signal);
      } catch (error) {
        throw gatewayErrorOf(operation, options, error);
      }
    });
  }
}

function refundRaw(refund: Stripe.Refund): Record<string, unknown> {
  return {
    id: refund.id,
    object: refund.object,
    status: refund.status,
    amount: refund.amount,
    currency: refund.currency,
    paymentIntent: refund.payment_intent,
  };
}

/** A Stripe refusal keeps its code; a lost connection is an unknown outcome, like a timeout. */
function gatewayErrorOf(operation: string, options: GatewayCallOptions, error: unknown): unknown {
  if (error instanceof GatewayError) return error;
  if (error instanceof Stripe.errors.StripeConnectionError)
    return new GatewayTimeoutError(operation, options.timeoutMs);
  if (error instanceof Stripe.errors.StripeError) {
    return new GatewayError(error.code ?? error.type, error.message, {
      type: error.type,
      code: error.code ?? null,
      declineCode: error.decline_code ?? null,
      requestId: error.requestId ?? null,
    });
  }
  return error;
}
