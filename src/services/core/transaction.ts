import { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../../context';
import { isRetryableTransactionError, translateDbError } from '../../db/db-errors';
import { isDatabaseUnavailable } from '../../db/db-availability';
import { outcomeUnknown, serviceUnavailable } from '../../errors';

const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in one database transaction with its own EntityManager, retried
 * on deadlock or serialization failure. Hooks registered with `afterCommit`
 * (event publishing) run only once the transaction has committed; a rollback
 * runs none. Unique violations come out as domain errors; a database that
 * is unreachable (or retries that ran out) as SERVICE_UNAVAILABLE, and a
 * connection lost once the work was done (while flushing or committing, so
 * it may have committed) as OUTCOME_UNKNOWN (docs/errors.md).
 */
export async function inTransaction<C extends RequestContext, T>(ctx: C, work: (tx: C) => Promise<T>): Promise<T> {
  if (ctx.afterCommit) return work(ctx); // already inside one: join it
  for (let attempt = 1; ; attempt++) {
    const hooks: Array<() => void | Promise<void>> = [];
    let workDone = false;
    try {
      const result = await ctx.em.transactional(async (em) => {
        const value = await work({ ...ctx, em: em as EntityManager, afterCommit: hooks });
        workDone = true;
        return value;
      });
      for (const hook of hooks) await runHook(ctx, hook);
      return result;
    } catch (error) {
      const retryable = isRetryableTransactionError(error);
      if (attempt < MAX_ATTEMPTS && retryable) {
        ctx.log.warn({ requestId: ctx.requestId, attempt }, 'transaction retried after deadlock/serialization failure');
        continue;
      }
      if (retryable || isDatabaseUnavailable(error)) {
        const unknown = workDone && !retryable;
        ctx.log.warn(
          { err: (error as Error).message, requestId: ctx.requestId, attempt, outcomeUnknown: unknown },
          'transaction failed: database unavailable',
        );
        throw unknown ? outcomeUnknown() : serviceUnavailable();
      }
      throw translateDbError(error);
    }
  }
}

/**
 * A context whose EntityManager holds only `keep` (entities loaded once and
 * shared, read-only, by a loop of transactions). MikroORM copies the whole
 * identity map into every transaction's fork and merges it back after
 * commit, so a request that runs many transactions on one EntityManager
 * (a batch of offline sales) pays for every earlier one in each flush;
 * each on a context from here pays only for its own.
 */
export function withFreshEntityManager<C extends RequestContext>(ctx: C, keep: object[]): C {
  const em = ctx.em.fork({ clear: true });
  for (const entity of keep) em.getUnitOfWork().register(entity);
  return { ...ctx, em };
}

/**
 * Registers work for after commit; outside a transaction it runs at once.
 * Either way a failing hook is logged, never thrown: the change it follows
 * is already committed, so its answer must not turn into an error.
 */
export async function afterCommit(ctx: RequestContext, hook: () => void | Promise<void>): Promise<void> {
  if (ctx.afterCommit) ctx.afterCommit.push(hook);
  else await runHook(ctx, hook);
}

async function runHook(ctx: RequestContext, hook: () => void | Promise<void>): Promise<void> {
  try {
    await hook();
  } catch (error) {
    ctx.log.warn(
      { err: (error as Error).message, requestId: ctx.requestId },
      'after-commit hook failed (event dropped)',
    );
  }
}
