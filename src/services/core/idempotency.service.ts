import { randomUUID } from 'node:crypto';
import { canonicalHash, JsonObject } from '../../canonical-json';
import { TenantContext } from '../../context';
import { badInput, DomainError } from '../../errors';
import {
  claimIdempotencyKeys,
  idempotencyRecords,
  lockIdempotencyRecord,
  storeIdempotentResponses,
  withdrawIdempotencyClaims,
} from './core.sql';
import { inTransaction } from './transaction';

export interface IdempotentRequest {
  /** The client's key, unique per tenant (1-100 characters). */
  key: string;
  /** The mutation's name, e.g. "addPayment": a key is bound to one operation. */
  operation: string;
  /** The mutation's input as the client sent it; its canonical hash tells a retry from a reuse. */
  input: unknown;
}

/** A request's answer: its result (`first` when this call ran it) or what rejected it. */
export type Settled<R> = { result: R; first: boolean } | { error: Error };

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
    const [settled] = await this.runEach(ctx, [request], async (tx) => [await work(tx)], planned && [planned]);
    if ('error' in settled) throw settled.error;
    return settled.result;
  }

  /**
   * `run` for a batch of requests (an offline register's sales) in ONE
   * transaction: `work` gets the indexes of the requests whose keys this
   * call claimed, in order, and answers each with its result or the Error
   * that rejects it. A rejected request must have written nothing: its
   * claim is withdrawn, so a retry runs it again. Every other request
   * replays its record (`first` false), or is IDEMPOTENCY_KEY_REUSED; a key
   * that comes twice in the batch is run once, its repeat answered as a
   * replay of the first. What `work` throws rolls the whole batch back.
   */
  async runEach<R extends JsonObject>(
    ctx: TenantContext,
    requests: readonly IdempotentRequest[],
    work: (tx: TenantContext, claimed: number[]) => Promise<Array<R | Error>>,
    planned?: readonly R[],
  ): Promise<Array<Settled<R>>> {
    for (const { key } of requests) {
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
        throw badInput('idempotencyKey', `must be 1 to ${MAX_KEY_LENGTH} characters`);
      }
    }
    const hashes = requests.map((r) => canonicalHash(r.input));
    return inTransaction(ctx, async (tx) => {
      const ids = requests.map(() => randomUUID());
      const claimedIds = await claimIdempotencyKeys(
        tx.em,
        tx.tenantId,
        requests.map((r, i) => ({
          id: ids[i],
          key: r.key,
          operation: r.operation,
          requestHash: hashes[i],
          response: planned?.[i],
        })),
      );
      const claimed = ids.flatMap((id, i) => (claimedIds.has(id) ? [i] : []));
      const claimedByKey = new Map(claimed.map((i) => [requests[i].key, i]));
      const recordedKeys = requests.flatMap((r) => (claimedByKey.has(r.key) ? [] : [r.key]));
      const records = recordedKeys.length ? await idempotencyRecords(tx.em, tx.tenantId, recordedKeys) : new Map();
      const outcomes = new Map<number, R | Error>();
      if (claimed.length) (await work(tx, claimed)).forEach((outcome, n) => outcomes.set(claimed[n], outcome));
      const rejected = claimed.filter((i) => outcomes.get(i) instanceof Error);
      if (rejected.length)
        await withdrawIdempotencyClaims(
          tx.em,
          tx.tenantId,
          rejected.map((i) => ids[i]),
        );
      const changed = claimed.filter((i) => {
        const outcome = outcomes.get(i)!;
        return !(outcome instanceof Error) && (!planned || canonicalHash(outcome) !== canonicalHash(planned[i]));
      });
      if (changed.length) {
        await storeIdempotentResponses(
          tx.em,
          tx.tenantId,
          changed.map((i) => ({ id: ids[i], response: outcomes.get(i) })),
        );
      }
      return requests.map((request, i): Settled<R> => {
        const first = claimedByKey.get(request.key);
        if (first === i) {
          const outcome = outcomes.get(i)!;
          return outcome instanceof Error ? { error: outcome } : { result: outcome, first: true };
        }
        const record =
          first === undefined
            ? records.get(request.key)!
            : { operation: requests[first].operation, requestHash: hashes[first], response: outcomes.get(first) };
        if (record.operation !== request.operation || record.requestHash !== hashes[i]) {
          return {
            error: new DomainError(
              'IDEMPOTENCY_KEY_REUSED',
              'idempotencyKey was already used for a different request',
              {
                field: 'idempotencyKey',
              },
            ),
          };
        }
        return record.response instanceof Error
          ? { error: record.response }
          : { result: record.response as R, first: false };
      });
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
      const id = randomUUID();
      const claimed = await claimIdempotencyKeys(tx.em, tx.tenantId, [{ id, ...request, response }]);
      const mine =
        claimed.has(id) ||
        canonicalHash((await lockIdempotencyRecord(tx.em, tx.tenantId, request.key)) ?? null) ===
          canonicalHash(response);
      if (mine) await work(tx);
      return mine;
    });
  }
}
