import type { AppServices } from '../services';
import { jobContext } from './job-context';

/**
 * Sessions still OPEN past their tenant's most recent auto-close moment:
 * `tenants.auto_close_sessions_at` (HH:MM) on the local day of the terminal's
 * location, or the day before when that time has not come yet today. A session
 * opened after that moment waits for the next one.
 */
const DUE_SESSIONS = `
  select s.id, s.tenant_id from pos_sessions s
  join tenants t on t.id = s.tenant_id
  join pos_terminals pt on pt.id = s.terminal_id and pt.tenant_id = s.tenant_id
  join locations l on l.id = pt.location_id and l.tenant_id = s.tenant_id
  cross join lateral (select now() at time zone l.timezone as local_now) n
  cross join lateral (select date_trunc('day', n.local_now) + t.auto_close_sessions_at::time as today_at) c
  where s.status = 'OPEN' and t.auto_close_sessions_at is not null
    and s.opened_at < (case when c.today_at > n.local_now then c.today_at - interval '1 day' else c.today_at end) at time zone l.timezone
  order by s.tenant_id, s.id
  limit 1000`;

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
