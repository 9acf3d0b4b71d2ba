import { randomUUID } from 'node:crypto';
import { canonicalHash, JsonObject } from '../../canonical-json';
import { TenantContext } from '../../context';
import { IdempotencyRecord } from '../../entities';
import { badInput, DomainError } from '../../errors';
import { claimIdempotencyKey, lockIdempotencyRecord, storeIdempotentResponse } from './core.sql';
import { inTransaction } from './transaction';

export interface IdempotentRequest {
  /** The client's key, unique per tenant (1-100 characters). */
  key: string;
  /** The mutation's name, e.g. "addPayment": a key is bound to one operation. */
  operation: string;
  /** The mutation's input as the client sent it; its canonical hash tells a retry from a reuse. */
  input: unknown;
}

const MAX_KEY_LENGTH = 100;

/**
 * Exactly-once mutations under client retries (docs/architecture.md, Consistency):
 * the same key with the same input returns the first result; with another
 * input or operation it is IDEMPOTENCY_KEY_REUSED.
 */
export class IdempotencyService {
  /**
   * Runs `work` at most once per (tenant, key), in ONE transaction with the
   * record of its result: an effect that commits always has its record, one
   * that rolls back (work threw) leaves no record, so a retry runs it again.
   * The record is claimed first, by an insert: a concurrent call with the
   * same key waits on the unique (tenant, key) index until the first one
   * ends, then finds its record and replays it (or, after a rollback,
   * claims the key itself). The claim is written with `planned`, the result
   * the caller expects (ids it chose up front), so a call that returns it
   * costs one statement; any other result is stored over it. The result must
   * be a JSON object (ids: callers reload current state from them); a replay
   * returns the stored copy, equal to the first call's.
   * Errors: BAD_USER_INPUT (idempotencyKey) for an empty or over-long key,
   * IDEMPOTENCY_KEY_REUSED (nothing runs, nothing is written), and whatever
   * `work` throws.
   */
  async run<R extends JsonObject>(
    ctx: TenantContext,
    request: IdempotentRequest,
    work: (tx: TenantContext) => Promise<R>,
    planned?: R,
  ): Promise<R> {
    const key = request.key;
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw badInput('idempotencyKey', `must be 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const requestHash = canonicalHash(request.input);
    return inTransaction(ctx, async (tx) => {
      const id = randomUUID();
      const claimed = await claimIdempotencyKey(tx.em, {
        id,
        tenant: tx.tenantId,
        key,
        operation: request.operation,
        requestHash,
        response: planned,
      });
      if (!claimed) {
        const existing = await tx.em.findOneOrFail(IdempotencyRecord, { tenant: tx.tenantId, key }, { refresh: true });
        if (existing.operation !== request.operation || existing.requestHash !== requestHash) {
          throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey was already used for a different request', {
            field: 'idempotencyKey',
          });
        }
        return existing.response as R;
      }
      const result = await work(tx);
      if (!planned || canonicalHash(result) !== canonicalHash(planned)) {
        await storeIdempotentResponse(tx.em, tx.tenantId, id, result);
      }
      return result;
    });
  }

  /**
   * For work done on behalf of a request that failed: claims the request's
   * key with `response` and runs `work` in the same transaction, unless the
   * key holds another response (a retry of the request got there first: it
   * stands). A key already claimed with `response` (an earlier run of the
   * same work) runs `work` again, under a lock on its record. While `work`
   * runs, a retry of the request waits on the claim and then replays
   * `response`. Returns whether `work` ran.
   */
  async claimFirst(
    ctx: TenantContext,
    request: { key: string; operation: string; requestHash: string },
    response: JsonObject,
    work: (tx: TenantContext) => Promise<void>,
  ): Promise<boolean> {
    return inTransaction(ctx, async (tx) => {
      const claimed = await claimIdempotencyKey(tx.em, { id: randomUUID(), tenant: tx.tenantId, ...request, response });
      const mine =
        claimed ||
        canonicalHash((await lockIdempotencyRecord(tx.em, tx.tenantId, request.key)) ?? null) ===
          canonicalHash(response);
      if (mine) await work(tx);
      return mine;
    });
  }
}
