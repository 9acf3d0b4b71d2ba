import { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../context';
import { isRetryableTransactionError, translateDbError } from '../db/db-errors';

const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in one database transaction with its own EntityManager, retried
 * on deadlock or serialization failure. Hooks registered with `afterCommit`
 * (event publishing) run only once the transaction has committed; a rollback
 * runs none. Unique violations come out as domain errors.
 */
export async function inTransaction<C extends RequestContext, T>(ctx: C, work: (tx: C) => Promise<T>): Promise<T> {
  if (ctx.afterCommit) return work(ctx); // already inside one: join it
  for (let attempt = 1; ; attempt++) {
    const hooks: Array<() => void | Promise<void>> = [];
    try {
      const result = await ctx.em.transactional((em) => work({ ...ctx, em: em as EntityManager, afterCommit: hooks }));
      for (const hook of hooks) await runHook(ctx, hook);
      return result;
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryableTransactionError(error)) {
        ctx.log.warn({ requestId: ctx.requestId, attempt }, 'transaction retried after deadlock/serialization failure');
        continue;
      }
      throw translateDbError(error);
    }
  }
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
    ctx.log.warn({ err: (error as Error).message, requestId: ctx.requestId }, 'after-commit hook failed (event dropped)');
  }
}
