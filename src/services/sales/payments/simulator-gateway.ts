import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EntityManager, LockMode, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { SimulatorFollowUp, SimulatorTransaction } from '../../../entities';
import { Dec } from '../../../money/decimal';
import {
  AmountRequest,
  AuthorizeRequest,
  AuthorizeResult,
  GatewayCallOptions,
  GatewayError,
  GatewayResult,
  LookupRequest,
  LookupResult,
  PaymentGateway,
  TransactionRequest,
  withDeadline,
} from './payment-gateway';
import { referenceSuffix, simulatedOutcome } from './simulator-rules';

export interface SimulatorOptions {
  /** How long each answer takes; default 3 ms. */
  latencyMs?: number;
}

/** Reads of the ledger name their tenant explicitly (the simulator works outside any request's context). */
const NO_FILTERS = { filters: false } as const;

/**
 * A fake acquirer, deterministic by rules on the card number and the amount
 * (docs/payments.md). It keeps its own ledger per tenant, in its own tables
 * (simulator_transactions, simulator_follow_ups) written in transactions of
 * its own, apart from the caller's: like a real acquirer's records, they
 * survive a rollback on our side and a restart of the server, so a refund of
 * an earlier sale finds its authorization. Capture, void and refund are
 * validated against what it approved and captured, and idempotency keys are
 * honoured the way real acquirers do: the effect happens at the "acquirer"
 * first, then the answer travels back; a caller whose deadline passes
 * meanwhile gets a timeout while the effect stands.
 */
export class SimulatorGateway implements PaymentGateway {
  readonly name = 'SIMULATOR';
  private readonly latencyMs: number;

  constructor(
    private readonly orm: MikroORM,
    options: SimulatorOptions = {},
  ) {
    this.latencyMs = options.latencyMs ?? 3;
  }

  async authorize(request: AuthorizeRequest, options: GatewayCallOptions): Promise<AuthorizeResult> {
    return withDeadline('authorize', options, async (signal) => {
      const auth = await this.recordAuthorization(request);
      // Approved at the acquirer, but the answer never makes it back: only the deadline ends the wait.
      if (auth.answerLost) await new Promise<never>(() => undefined);
      await this.answerDelay(signal);
      return auth.result as unknown as AuthorizeResult;
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
      auth.captured = new Dec(request.amount);
      return { transactionRef: auth.transactionRef, raw: snapshot(auth, 'capture') };
    });
  }

  async void(request: TransactionRequest, options: GatewayCallOptions): Promise<GatewayResult> {
    return this.followUp('void', request, options, (auth) => {
      const voidable = auth.state === 'AUTHORIZED' || (auth.state === 'CAPTURED' && auth.refunded.isZero());
      if (!voidable) throw invalidState(auth, 'void');
      auth.state = 'VOIDED';
      return { transactionRef: auth.transactionRef, raw: snapshot(auth, 'void') };
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
        raw: { ...snapshot(auth, 'refund'), refundId: `sim_re_${randomUUID()}` },
      };
    });
  }

  async lookup(request: LookupRequest, options: GatewayCallOptions): Promise<LookupResult | null> {
    return withDeadline('lookup', options, async (signal) => {
      const auth = await this.orm.em
        .fork()
        .findOne(
          SimulatorTransaction,
          { tenant: request.tenantId, idempotencyKey: request.idempotencyKey },
          NO_FILTERS,
        );
      await this.answerDelay(signal);
      return auth ? { ...(auth.result as unknown as AuthorizeResult), raw: snapshot(auth, 'lookup') } : null;
    });
  }

  /** The authorization for the key: the one recorded earlier (same request), or a new one. */
  private async recordAuthorization(request: AuthorizeRequest): Promise<SimulatorTransaction> {
    const fingerprint = JSON.stringify([request.amount.toFixed(), request.currency, request.method, request.reference]);
    const em = this.orm.em.fork();
    const where = { tenant: request.tenantId, idempotencyKey: request.idempotencyKey };
    const existing = await em.findOne(SimulatorTransaction, where, NO_FILTERS);
    if (existing) {
      if (existing.requestFingerprint !== fingerprint) throw keyReused(request.idempotencyKey);
      return existing;
    }
    assertPositive(request.amount);
    const auth = newAuthorization(em, request, fingerprint);
    try {
      await em.persistAndFlush(auth);
      return auth;
    } catch (error) {
      // The same key arrived twice at once: the first insert wins, the retry answers with it.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      return this.recordAuthorization(request);
    }
  }

  /**
   * capture / void / refund: under a lock on the tenant's authorization, apply
   * once per idempotency key (the first answer is stored and repeated), then
   * answer after the latency.
   */
  private followUp(
    operation: string,
    request: TransactionRequest & { amount?: Decimal },
    options: GatewayCallOptions,
    apply: (auth: SimulatorTransaction) => GatewayResult,
  ): Promise<GatewayResult> {
    return withDeadline(operation, options, async (signal) => {
      const key = `${operation}:${request.idempotencyKey}`;
      const fingerprint = JSON.stringify([request.transactionRef, request.amount?.toFixed() ?? null]);
      const result = await this.orm.em.fork().transactional(async (em) => {
        const auth = await em.findOne(
          SimulatorTransaction,
          { tenant: request.tenantId, transactionRef: request.transactionRef },
          { ...NO_FILTERS, lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const earlier = await em.findOne(
          SimulatorFollowUp,
          { tenant: request.tenantId, idempotencyKey: key },
          NO_FILTERS,
        );
        if (earlier) {
          if (earlier.requestFingerprint !== fingerprint) throw keyReused(request.idempotencyKey);
          return earlier.result as unknown as GatewayResult;
        }
        if (!auth) throw new GatewayError('unknown_transaction', `no transaction ${request.transactionRef}`);
        const answer = apply(auth);
        em.create(SimulatorFollowUp, {
          tenant: request.tenantId,
          idempotencyKey: key,
          requestFingerprint: fingerprint,
          result: answer as unknown as Record<string, unknown>,
          createdAt: new Date(),
        });
        return answer;
      });
      await this.answerDelay(signal);
      return result;
    });
  }

  private async answerDelay(signal: AbortSignal): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs, undefined, { signal });
  }
}

function newAuthorization(em: EntityManager, request: AuthorizeRequest, fingerprint: string): SimulatorTransaction {
  const transactionRef = `sim_ch_${randomUUID()}`;
  const outcome = simulatedOutcome(request);
  const reason = outcome.kind === 'DECLINED' ? outcome.reason : undefined;
  const result: AuthorizeResult = {
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
  };
  return em.create(SimulatorTransaction, {
    tenant: request.tenantId,
    transactionRef,
    idempotencyKey: request.idempotencyKey,
    requestFingerprint: fingerprint,
    state: reason ? 'DECLINED' : 'AUTHORIZED',
    answerLost: outcome.kind === 'TIMEOUT',
    authorized: reason ? new Dec(0) : new Dec(request.amount),
    captured: new Dec(0),
    refunded: new Dec(0),
    createdAt: new Date(),
    result: result as unknown as Record<string, unknown>,
  });
}

function snapshot(auth: SimulatorTransaction, operation: string): Record<string, unknown> {
  return {
    id: auth.transactionRef,
    object: operation,
    state: auth.state.toLowerCase(),
    authorized: auth.authorized.toFixed(),
    captured: auth.captured.toFixed(),
    refunded: auth.refunded.toFixed(),
  };
}

function assertPositive(amount: Decimal): void {
  if (!amount.gt(0)) throw new GatewayError('invalid_amount', `amount must be positive, got ${amount}`);
}

function invalidState(auth: SimulatorTransaction, operation: string): GatewayError {
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
