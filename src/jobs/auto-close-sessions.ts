import type { AppServices } from '../services';
import { jobContext } from './job-context';
import { DUE_SESSIONS } from './jobs.sql';

/**
 * The `auto-close-sessions` cron (every minute): closes each due session
 * without a count (SessionService.closeWithoutCount: expected balance
 * computed, variance unknown, flagged for reconciliation). Each close is its
 * own transaction and a no-op on a session closed meanwhile, so a rerun or an
 * overlapping run changes nothing more. One session's failure does not stop
 * the others; the job fails at the end (and is retried) if any did.
 */
export async function autoCloseSessions(services: AppServices): Promise<number> {
  const due = await services.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ id: string; tenant_id: string }>>(DUE_SESSIONS);
  let closed = 0;
  const failures: unknown[] = [];
  for (const row of due) {
    const ctx = jobContext(services, 'auto-close-sessions', row.tenant_id);
    try {
      if (
        await services.sessions.closeWithoutCount(
          ctx,
          row.id,
          'Closed automatically at the configured time; drawer not counted',
        )
      )
        closed++;
    } catch (error) {
      ctx.log.error({ err: error, sessionId: row.id }, 'auto-close failed');
      failures.push(error);
    }
  }
  if (failures.length)
    throw new Error(`auto-close failed for ${failures.length} of ${due.length} sessions: ${String(failures[0])}`);
  return closed;
}
