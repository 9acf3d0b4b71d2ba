import { MikroORM } from '@mikro-orm/postgresql';
import type { JobQueue } from '../../../jobs/job-queue';
import { TenantContext } from '../../../context';
import { GATEWAY_CALL, gatewayKey } from './gateway-calls';
import { GatewayRegistry } from './gateway-registry';
import { recordTimeoutVoid } from './payments.sql';

export const VOID_ON_TIMEOUT_JOB = 'payments.void-on-timeout';

export interface VoidOnTimeoutData {
  tenantId: string;
  /** The gateway's name (the tenant may switch gateways meanwhile). */
  gateway: string;
  /** The idempotency key of the authorize call that timed out. */
  idempotencyKey: string;
  paymentId: string;
  /**
   * The paying register's reader, so the lookup asks the device authorize went to
   * (absent in jobs enqueued before readers per terminal: the account's reader).
   */
  readerId?: string | null;
}

/**
 * docs/payments.md, void-on-timeout: a timed-out authorization may have been
 * approved. The job looks it up by its key; an approved (or still pending) one is voided (key
 * `void:<key>`) and the void's answer stored on the FAILED payment row. A key
 * the acquirer does not know yet is retried (pg-boss backoff): a slow request
 * may land late. The payment stays FAILED whatever is found.
 */
export function defineVoidOnTimeout(jobs: JobQueue, gateways: GatewayRegistry, orm: MikroORM): void {
  jobs.define({
    name: VOID_ON_TIMEOUT_JOB,
    retryLimit: 5,
    retryDelaySeconds: 30,
    handler: async (data: VoidOnTimeoutData) => {
      const gateway = gateways.byName(data.gateway);
      const request = { tenantId: data.tenantId, idempotencyKey: data.idempotencyKey, readerId: data.readerId };
      const found = await gateway.lookup(request, GATEWAY_CALL);
      if (!found) throw new Error(`authorization ${data.idempotencyKey} not known to ${data.gateway} yet`);
      // Approved, or still pending on the reader (cannot be confirmed): either way it is cancelled.
      if (found.status === 'DECLINED') return;
      const voided = await gateway.void(
        {
          tenantId: data.tenantId,
          idempotencyKey: gatewayKey('void', data.idempotencyKey),
          transactionRef: found.transactionRef,
        },
        GATEWAY_CALL,
      );
      await recordTimeoutVoid(orm.em.fork(), {
        tenant: data.tenantId,
        id: data.paymentId,
        transactionRef: found.transactionRef,
        voidResponse: voided.raw,
      });
    },
  });
}

export async function enqueueVoidOnTimeout(tx: TenantContext, data: VoidOnTimeoutData): Promise<void> {
  // A little later: a late answer may still land at the acquirer meanwhile. (A Date: pg-boss's
  // transactional send mis-casts a number of seconds.)
  await tx.services.jobs.enqueue(tx, VOID_ON_TIMEOUT_JOB, data, { startAfter: new Date(Date.now() + 5_000) });
}
