import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { TenantContext } from '../context';
import { EodReport, Location, PosSession, Tenant } from '../entities';
import type { AppServices } from '../services';
import type { Mailer } from '../services/core/mailer';
import { LocalDay, recomputeDailySummary } from '../services/reporting/daily-summary';
import { EodReportData, renderEodReportText } from '../services/reporting/eod-report-render';
import { sessionReport } from '../services/sessions/session-report';
import { inTransaction } from '../services/core/transaction';
import { jobContext } from './job-context';

export interface EodReportJob {
  tenantId: string;
  locationId: string;
  date: string;
}

/** A location's day is reported this long after its local midnight (late sales, clock skew). */
const MARGIN = '30 minutes';

/**
 * The `schedule-eod-reports` cron: enqueues `generate-eod-report` for the
 * local day that ended (plus the margin) at each active location of each
 * tenant with report recipients, unless that report was already sent. The
 * singleton key keeps one pending job per location and day per hour;
 * generating is idempotent anyway. A day missed while no worker ran is not
 * caught up (only "yesterday" is considered).
 */
export async function scheduleEodReports(services: AppServices, queue: string): Promise<void> {
  const due = await services.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ tenant_id: string; location_id: string; date: string }>>(
      `select l.tenant_id, l.id as location_id,
       to_char(((now() at time zone l.timezone) - interval '${MARGIN}')::date - 1, 'YYYY-MM-DD') as date
     from locations l join tenants t on t.id = l.tenant_id
     where l.is_active and cardinality(t.report_recipients) > 0
       and not exists (select 1 from eod_reports r where r.tenant_id = l.tenant_id and r.location_id = l.id
         and r.date = ((now() at time zone l.timezone) - interval '${MARGIN}')::date - 1 and r.sent_at is not null)`,
    );
  for (const row of due) {
    const ctx = jobContext(services, 'schedule-eod-reports', row.tenant_id);
    const data: EodReportJob = { tenantId: row.tenant_id, locationId: row.location_id, date: row.date };
    await services.jobs.enqueue(ctx, queue, data, {
      singletonKey: `${row.location_id}:${row.date}`,
      singletonSeconds: 3600,
    });
  }
}

/**
 * `generate-eod-report`: recomputes the day's summary, gathers each terminal's
 * session figures and emails the report to the tenant's recipients, in one
 * transaction holding the day's `eod_reports` row FOR UPDATE: a second run
 * (retry, duplicate) waits, then sees `sentAt` and does nothing. If the commit
 * fails after the mail went out, the retry sends it again (at least once).
 */
export async function generateEodReport(services: AppServices, mailer: Mailer, job: EodReportJob): Promise<void> {
  const ctx = jobContext(services, 'generate-eod-report', job.tenantId);
  await inTransaction(ctx, async (tx) => {
    await tx.em.getConnection().execute(
      `insert into eod_reports (id, tenant_id, location_id, date, created_at) values (gen_random_uuid(), ?, ?, ?, now())
       on conflict (tenant_id, location_id, date) do nothing`,
      [job.tenantId, job.locationId, job.date],
      'run',
      tx.em.getTransactionContext(),
    );
    const row = await tx.em.findOneOrFail(
      EodReport,
      { tenant: job.tenantId, locationId: job.locationId, date: job.date },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (row.sentAt) return;
    const tenant = await tx.em.findOneOrFail(Tenant, { id: job.tenantId });
    if (!tenant.reportRecipients.length) return;
    const day = await recomputeDailySummary(tx.em, job.tenantId, job.locationId, job.date);
    const report = await buildEodReport(tx, tenant, job, day);
    await mailer.send({
      to: tenant.reportRecipients,
      subject: `End of day ${report.location.name} ${job.date}`,
      text: renderEodReportText(report),
      messageId: `eod-${job.locationId}-${job.date}`,
    });
    Object.assign(row, { report, recipients: tenant.reportRecipients, sentAt: new Date() });
    await tx.em.flush();
  });
}

/** The day's summary row plus the figures of every session at the location's terminals that overlapped the day. */
async function buildEodReport(
  ctx: TenantContext,
  tenant: Tenant,
  job: EodReportJob,
  day: LocalDay | null,
): Promise<EodReportData> {
  const em: EntityManager = ctx.em;
  const location = await em.findOneOrFail(Location, { id: job.locationId, tenant: job.tenantId });
  const [summary] = await em.getConnection().execute(
    `select total_sales, total_revenue, total_cogs, total_discount, total_tax, total_refunds, cash_total, card_total, other_total
     from daily_sales_summaries where tenant_id = ? and location_id = ? and date = ?`,
    [job.tenantId, job.locationId, job.date],
    'all',
    em.getTransactionContext(),
  );
  // recomputeDailySummary found the location too, so the day's bounds are known
  const { start, end } = day!;
  const sessions = await em.find(
    PosSession,
    {
      tenant: job.tenantId,
      terminal: { location: job.locationId },
      openedAt: { $lt: end },
      $or: [{ closedAt: null }, { closedAt: { $gte: start } }],
    },
    { populate: ['terminal'], orderBy: { openedAt: 'asc', id: 'asc' } },
  );
  const terminals = [];
  for (const session of sessions) {
    const figures = (await sessionReport(ctx, session, 'Z')) ?? (await sessionReport(ctx, session, 'X'))!;
    terminals.push({
      terminalCode: session.terminal.getEntity().code,
      sessionNumber: session.sessionNumber,
      status: session.status,
      figures,
    });
  }
  return {
    tenantName: tenant.name,
    currency: tenant.currency,
    roundingMode: tenant.roundingMode,
    location: { name: location.name, code: location.code },
    date: job.date,
    summary,
    terminals,
  };
}
