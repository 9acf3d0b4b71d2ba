import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Dec, ZERO } from '../../../money/decimal';
import {
  AmountRequest,
  AuthorizeRequest,
  AuthorizeResult,
  GatewayCallOptions,
  GatewayError,
  GatewayResult,
  LookupRequest,
  PaymentGateway,
  TransactionRequest,
  withDeadline,
} from './payment-gateway';
import { referenceSuffix, SimulatedOutcome, simulatedOutcome } from './simulator-rules';

type AuthorizationState = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED';

/** One authorization as the simulated acquirer remembers it. */
interface Authorization {
  transactionRef: string;
  requestFingerprint: string;
  outcome: SimulatedOutcome;
  result: AuthorizeResult;
  state: AuthorizationState;
  authorized: Decimal;
  captured: Decimal;
  refunded: Decimal;
}

export interface SimulatorOptions {
  /** How long each answer takes; default 3 ms. */
  latencyMs?: number;
}

/**
 * A fake acquirer, deterministic by rules on the card number and the amount
 * (docs/payments.md). It keeps its own ledger per tenant, so capture, void and
 * refund are validated against what it approved and captured, and it honours
 * idempotency keys the way real acquirers do: the effect happens at the
 * "acquirer" first, then the answer travels back; a caller whose deadline
 * passes meanwhile gets a timeout while the effect stands. The ledger lives in
 * this process only: fine for development and tests, not a payment record.
 */
export class SimulatorGateway implements PaymentGateway {
  readonly name = 'SIMULATOR';
  private readonly latencyMs: number;
  private readonly authorizations = new Map<string, Authorization>();
  private readonly byIdempotencyKey = new Map<string, Authorization>();
  /** Answers of capture/void/refund by idempotency key, so a retried call is not applied twice. */
  private readonly followUps = new Map<string, { fingerprint: string; result: GatewayResult }>();

  constructor(options: SimulatorOptions = {}) {
    this.latencyMs = options.latencyMs ?? 3;
  }

  async authorize(request: AuthorizeRequest, options: GatewayCallOptions): Promise<AuthorizeResult> {
    return withDeadline('authorize', options, async (signal) => {
      const auth = this.recordAuthorization(request);
      // Approved at the acquirer, but the answer never makes it back: only the deadline ends the wait.
      if (auth.outcome.kind === 'TIMEOUT') await new Promise<never>(() => undefined);
      await this.answerDelay(signal);
      return auth.result;
    });
  }

  async capture(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.followUp('capture', request, options, (auth) => {
      if (auth.state !== 'AUTHORIZED') throw invalidState(auth, 'capture');
      assertPositive(request.amount);
      if (request.amount.gt(auth.authorized)) {
        throw new GatewayError(
          'amount_exceeds_authorized',
          `capture ${request.amount} exceeds the authorized ${auth.authorized}`,
        );
      }
      auth.state = 'CAPTURED';
      auth.captured = request.amount;
      return { transactionRef: auth.transactionRef, raw: this.snapshot(auth, 'capture') };
    });
  }

  async void(request: TransactionRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.followUp('void', request, options, (auth) => {
      const voidable = auth.state === 'AUTHORIZED' || (auth.state === 'CAPTURED' && auth.refunded.isZero());
      if (!voidable) throw invalidState(auth, 'void');
      auth.state = 'VOIDED';
      return { transactionRef: auth.transactionRef, raw: this.snapshot(auth, 'void') };
    });
  }

  async refund(request: AmountRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.followUp('refund', request, options, (auth) => {
      if (auth.state !== 'CAPTURED') throw invalidState(auth, 'refund');
      assertPositive(request.amount);
      const refundable = auth.captured.minus(auth.refunded);
      if (request.amount.gt(refundable)) {
        throw new GatewayError(
          'amount_exceeds_captured',
          `refund ${request.amount} exceeds the refundable ${refundable}`,
        );
      }
      auth.refunded = auth.refunded.plus(request.amount);
      return {
        transactionRef: auth.transactionRef,
        raw: { ...this.snapshot(auth, 'refund'), refundId: `sim_re_${randomUUID()}` },
      };
    });
  }

  async lookup(request: LookupRequest, options: GatewayCallOptions): Promise<AuthorizeResult | null> {
    return withDeadline('lookup', options, async (signal) => {
      const auth = this.byIdempotencyKey.get(scoped(request.tenantId, request.idempotencyKey));
      await this.answerDelay(signal);
      return auth ? { ...auth.result, raw: this.snapshot(auth, 'lookup') } : null;
    });
  }

  private recordAuthorization(request: AuthorizeRequest): Authorization {
    const fingerprint = JSON.stringify([request.amount.toFixed(), request.currency, request.method, request.reference]);
    const existing = this.byIdempotencyKey.get(scoped(request.tenantId, request.idempotencyKey));
    if (existing) {
      if (existing.requestFingerprint !== fingerprint) throw keyReused(request.idempotencyKey);
      return existing;
    }
    assertPositive(request.amount);
    const transactionRef = `sim_ch_${randomUUID()}`;
    const outcome = simulatedOutcome(request);
    const reason = outcome.kind === 'DECLINED' ? outcome.reason : undefined;
    const auth: Authorization = {
      transactionRef,
      requestFingerprint: fingerprint,
      outcome,
      state: reason ? 'DECLINED' : 'AUTHORIZED',
      authorized: reason ? ZERO : new Dec(request.amount),
      captured: ZERO,
      refunded: ZERO,
      result: {
        transactionRef,
        status: reason ? 'DECLINED' : 'APPROVED',
        ...(reason ? { declineReason: reason } : {}),
        raw: {
          id: transactionRef,
          object: 'authorization',
          status: reason ? 'declined' : 'approved',
          ...(reason ? { declineCode: reason } : {}),
          amount: request.amount.toFixed(),
          currency: request.currency,
          method: request.method,
          // Never the full card number: raw responses are stored.
          referenceLast4: referenceSuffix(request.reference),
          idempotencyKey: request.idempotencyKey,
        },
      },
    };
    this.authorizations.set(scoped(request.tenantId, transactionRef), auth);
    this.byIdempotencyKey.set(scoped(request.tenantId, request.idempotencyKey), auth);
    return auth;
  }

  /** capture / void / refund: find the tenant's authorization, apply once per idempotency key, answer after the latency. */
  private followUp(
    operation: string,
    request: TransactionRequest & { amount?: Decimal },
    options: GatewayCallOptions,
    apply: (auth: Authorization) => GatewayResult,
  ): Promise<GatewayResult> {
    return withDeadline(operation, options, async (signal) => {
      const key = scoped(request.tenantId, `${operation}:${request.idempotencyKey}`);
      const fingerprint = JSON.stringify([request.transactionRef, request.amount?.toFixed() ?? null]);
      const earlier = this.followUps.get(key);
      let result: GatewayResult;
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) throw keyReused(request.idempotencyKey);
        result = earlier.result;
      } else {
        const auth = this.authorizations.get(scoped(request.tenantId, request.transactionRef));
        if (!auth) throw new GatewayError('unknown_transaction', `no transaction ${request.transactionRef}`);
        result = apply(auth);
        this.followUps.set(key, { fingerprint, result });
      }
      await this.answerDelay(signal);
      return result;
    });
  }

  private async answerDelay(signal: AbortSignal): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs, undefined, { signal });
  }

  private snapshot(auth: Authorization, operation: string): Record<string, unknown> {
    return {
      id: auth.transactionRef,
      object: operation,
      state: auth.state.toLowerCase(),
      authorized: auth.authorized.toFixed(),
      captured: auth.captured.toFixed(),
      refunded: auth.refunded.toFixed(),
    };
  }
}

/** Ledger keys carry the tenant: one tenant can never touch another's transactions. */
function scoped(tenantId: string, id: string): string {
  return `${tenantId}:${id}`;
}

function assertPositive(amount: Decimal): void {
  if (!amount.gt(0)) throw new GatewayError('invalid_amount', `amount must be positive, got ${amount}`);
}

function invalidState(auth: Authorization, operation: string): GatewayError {
  return new GatewayError(
    'invalid_state',
    `cannot ${operation} transaction ${auth.transactionRef} in state ${auth.state}`,
  );
}

function keyReused(idempotencyKey: string): GatewayError {
  return new GatewayError(
    'idempotency_key_reused',
    `idempotency key ${idempotencyKey} was used with a different request`,
  );
}
