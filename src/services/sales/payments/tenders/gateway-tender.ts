import Decimal from 'decimal.js';
import { TenantContext } from '../../../../context';
import { Sale, SalePayment } from '../../../../entities';
import { PaymentStatus } from '../../../../entities/payment-enums';
import { PaymentMethod } from '../../../../entities/sale-enums';
import { badInput, DomainError } from '../../../../errors';
import { sum } from '../../../../money/decimal';
import { GATEWAY_CALL, gatewayKey, lastFour } from '../gateway-calls';
import { GatewayRegistry } from '../gateway-registry';
import { GatewayError, GatewayMethod, GatewayTimeoutError } from '../payment-gateway';
import { enqueueVoidOnTimeout } from '../void-on-timeout';
import { PayRequest, RefundOutcome, RefundRequest, Tender } from './tender';

/** The methods the tenant's card gateway handles (docs/payments.md). */
export const GATEWAY_METHODS: readonly PaymentMethod[] = [PaymentMethod.CARD, PaymentMethod.MOBILE_WALLET];

/** Cards and wallets: authorize + capture, void and refund at the tenant's gateway. */
export class GatewayTender implements Tender {
  readonly methods = GATEWAY_METHODS;

  constructor(private readonly gateways: GatewayRegistry) {}

  /**
   * Authorize and capture (keys `addPayment:<key>` / `capture:<key>`). A
   * decline, a refusal or a timeout leaves the payment FAILED with its reason
   * (never an exception): the row must commit so the attempt stays on record;
   * a timeout also enqueues the void-on-timeout job.
   */
  async pay(tx: TenantContext, { tenant, payment, reference, idempotencyKey, readerId }: PayRequest): Promise<void> {
    if (!reference) throw badInput('reference', `is required for ${payment.method} (card token or wallet id)`);
    payment.reference = lastFour(reference);
    const gateway = await this.gateways.forTenant(tx, payment.method as GatewayMethod);
    payment.gateway = gateway.name;
    const authorizeKey = gatewayKey('addPayment', idempotencyKey);
    const fail = (reason: string, response: Record<string, unknown>) =>
      Object.assign(payment, { status: PaymentStatus.FAILED, failureReason: reason, gatewayResponse: response });
    try {
      const auth = await gateway.authorize(
        {
          tenantId: tx.tenantId,
          idempotencyKey: authorizeKey,
          amount: payment.amount,
          currency: tenant.currency,
          method: payment.method as GatewayMethod,
          reference,
          readerId,
        },
        GATEWAY_CALL,
      );
      payment.transactionRef = auth.transactionRef;
      if (auth.status === 'DECLINED') {
        fail(auth.declineReason ?? 'declined', { authorize: auth.raw });
        return;
      }
      const capture = await gateway.capture(
        {
          tenantId: tx.tenantId,
          idempotencyKey: gatewayKey('capture', idempotencyKey),
          transactionRef: auth.transactionRef,
          amount: payment.amount,
        },
        GATEWAY_CALL,
      );
      payment.gatewayResponse = { authorize: auth.raw, capture: capture.raw };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      fail(error.code, {
        error: error.code,
        idempotencyKey: authorizeKey,
        ...(Object.keys(error.raw).length ? { raw: error.raw } : {}),
      });
      if (error instanceof GatewayTimeoutError) {
        await enqueueVoidOnTimeout(tx, {
          tenantId: tx.tenantId,
          gateway: gateway.name,
          idempotencyKey: authorizeKey,
          paymentId: payment.id,
          readerId,
        });
      }
    }
  }

  /** Voids each payment at the gateway (key `void:<payment id>`); a refusal is CONFLICT and rolls the void back. */
  async void(tx: TenantContext, _sale: Sale, payments: readonly SalePayment[]): Promise<void> {
    // An exchange's returned goods applied as a card payment never went to the gateway: nothing to void there.
    for (const payment of payments.filter((p) => p.transactionRef)) {
      const gateway = await this.gateways.forPayment(tx, payment);
      try {
        const result = await gateway.void(
          {
            tenantId: tx.tenantId,
            idempotencyKey: gatewayKey('void', payment.id),
            transactionRef: payment.transactionRef!,
          },
          GATEWAY_CALL,
        );
        payment.gatewayResponse = { ...(payment.gatewayResponse ?? {}), void: result.raw };
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        throw new DomainError(
          'CONFLICT',
          `The gateway refused to void payment ${payment.id} (${error.code}); nothing was voided`,
          {
            paymentId: payment.id,
            reason: error.code,
          },
        );
      }
    }
  }

  /**
   * Spreads the refund over the sale's payments of that method, oldest first,
   * each up to what it captured less what was refunded on it (keys
   * `createRefund:<key>:<payment id>`).
   */
  async refund(tx: TenantContext, { sale, method, amount, idempotencyKey }: RefundRequest): Promise<RefundOutcome> {
    const payments = await tx.em.find(
      SalePayment,
      {
        tenant: tx.tenantId,
        saleId: sale.id,
        method,
        status: { $in: [PaymentStatus.COMPLETED, PaymentStatus.PARTIALLY_REFUNDED] },
        voidedAt: null,
        // Only what the gateway took can go back through it (not an exchange's applied returned goods).
        transactionRef: { $ne: null },
      },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const available = sum(payments.map((p) => p.amount.minus(p.refundedAmount)));
    if (available.lt(amount)) {
      throw new DomainError(
        'REFUND_EXCEEDS_SALE',
        `Only ${available.toFixed(2)} was paid by ${method} and is left to refund that way`,
        {
          refundable: available.toFixed(),
        },
      );
    }
    const refs: string[] = [];
    const raw: Record<string, unknown> = {};
    let left = amount;
    for (const payment of payments) {
      if (!left.gt(0)) break;
      const part = Decimal.min(left, payment.amount.minus(payment.refundedAmount));
      if (!part.gt(0)) continue;
      const gateway = await this.gateways.forPayment(tx, payment);
      try {
        const result = await gateway.refund(
          {
            tenantId: tx.tenantId,
            idempotencyKey: gatewayKey('createRefund', `${idempotencyKey}:${payment.id}`),
            transactionRef: payment.transactionRef!,
            amount: part,
          },
          GATEWAY_CALL,
        );
        refs.push(result.transactionRef);
        raw[payment.id] = result.raw;
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        throw new DomainError(
          'PAYMENT_DECLINED',
          `The gateway refused the refund (${error.code}); nothing was refunded here: retry with the same key`,
          {
            reason: error.code,
          },
        );
      }
      payment.refundedAmount = payment.refundedAmount.plus(part);
      payment.status = payment.refundedAmount.gte(payment.amount)
        ? PaymentStatus.REFUNDED
        : PaymentStatus.PARTIALLY_REFUNDED;
      left = left.minus(part);
    }
    return { transactionRef: refs.join(',') || null, raw };
  }
}
