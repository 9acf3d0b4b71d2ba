import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../../core/sql';

/** Records the void of a timed-out authorization on its (FAILED) payment row (void-on-timeout.ts). */
export async function recordTimeoutVoid(
  em: EntityManager,
  payment: { tenant: string; id: string; transactionRef: string; voidResponse: unknown },
): Promise<void> {
  await query(
    em,
    `update sale_payments
     set gateway_response = coalesce(gateway_response, '{}'::jsonb) || jsonb_build_object('void', :voidResponse::jsonb),
         transaction_ref = coalesce(transaction_ref, :transactionRef)
     where tenant_id = :tenant and id = :id`,
    { ...payment, voidResponse: JSON.stringify(payment.voidResponse) },
  );
}
