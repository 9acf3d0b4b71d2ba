import type { JsonObject } from '../../canonical-json';
import type { TenantContext } from '../../context';
import { inTransaction } from './transaction';

/**
 * `work` in one transaction, exactly once per idempotency key when the
 * client sent one (IdempotencyService.run: a retry with the same key and
 * input returns the first result), or simply once per call without a key.
 * For mutations whose key is optional because a retry without one is
 * already harmless or was accepted before keys existed (docs/idempotency.md).
 */
export function onceByKey<R extends JsonObject>(
  ctx: TenantContext,
  request: { key: string | undefined | null; operation: string; input: unknown },
  work: (tx: TenantContext) => Promise<R>,
  planned?: R,
): Promise<R> {
  const { key, operation, input } = request;
  if (key == null) return inTransaction(ctx, work);
  return ctx.services.idempotency.run(ctx, { key, operation, input }, work, planned);
}
