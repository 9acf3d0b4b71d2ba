import type { TenantContext } from '../../../context';
import { PosTerminal } from '../../../entities';
import { IdempotencyService } from '../../core/idempotency.service';
import { GATEWAY_CALL, gatewayKey } from '../payments/gateway-calls';
import { GatewayRegistry } from '../payments/gateway-registry';
import type { GatewayMethod } from '../payments/payment-gateway';

export const RELEASE_CHECKOUT_JOB = 'checkout.release-authorizations';

/**
 * How long a failed checkout's card payments wait for the client's retry,
 * which repeats the same gateway calls and so reuses them, before they are
 * cancelled.
 */
export const RELEASE_AFTER_SECONDS = 120;

/** What the client's retry would find: the key is spent and nothing was charged. */
export const RELEASED = { released: true } as const;

export interface ReleaseCheckoutData {
  tenantId: string;
  terminalId: string;
  /** The checkout's idempotency key and the hash of its input, as `IdempotencyService.run` claims them. */
  requestKey: string;
  requestHash: string;
  /** Each card or wallet payment the failed run sent to the gateway, by the key it paid under. */
  payments: Array<{ method: GatewayMethod; idempotencyKey: string }>;
}

/**
 * The job a failed `checkout` leaves behind when it had sent card or wallet
 * payments (its transaction rolled back; the gateway's approvals stand): it
 * claims the checkout's idempotency key, so no retry can complete the sale
 * any more, and cancels every approval found by its key. When a retry has
 * completed the sale meanwhile, the key is taken and its payments stand: the
 * job does nothing. An authorization the gateway does not know yet (a late
 * answer) makes the job fail and retry, as void-on-timeout does.
 */
export async function releaseFailedCheckout(
  ctx: TenantContext,
  gateways: GatewayRegistry,
  idempotency: IdempotencyService,
  data: ReleaseCheckoutData,
): Promise<boolean> {
  const request = { key: data.requestKey, operation: 'checkout', requestHash: data.requestHash };
  return idempotency.claimFirst(ctx, request, RELEASED, async (tx) => {
    const terminal = await tx.em.findOne(PosTerminal, { id: data.terminalId, tenant: tx.tenantId });
    for (const payment of data.payments) {
      const gateway = await gateways.forTenant(tx, payment.method);
      const authorizeKey = gatewayKey('addPayment', payment.idempotencyKey);
      const request = { tenantId: tx.tenantId, idempotencyKey: authorizeKey, readerId: terminal?.paymentReaderId };
      const found = await gateway.lookup(request, GATEWAY_CALL);
      if (!found) throw new Error(`authorization ${authorizeKey} not known to ${gateway.name} yet`);
      if (found.status === 'DECLINED') continue;
      await gateway.void(
        {
          tenantId: tx.tenantId,
          idempotencyKey: gatewayKey('void', authorizeKey),
          transactionRef: found.transactionRef,
        },
        GATEWAY_CALL,
      );
      tx.log.info(
        { transactionRef: found.transactionRef, requestKey: data.requestKey },
        'failed checkout: payment cancelled',
      );
    }
  });
}
