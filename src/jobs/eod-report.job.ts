import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { TenantContext } from '../context';
import { EodReport, Location, PosSession, Tenant } from '../entities';
import type { AppServices } from '../services';
import type { Mailer } from '../services/core/mailer';
import { LocalDay, recomputeDailySummary } from '../services/reporting/daily-summary';
import { EodReportData, renderEodReportText } from '../services/reporting/eod-report-render';
import { sessionReport } from '../services/sessions/session-report';
import { query } from '../services/core/sql';
import { inTransaction } from '../services/core/transaction';
import { jobContext } from './job-context';
import { DUE_EOD_REPORTS, EOD_DAY_SUMMARY, ENSURE_EOD_REPORT_ROW } from './jobs.sql';

export interface EodReportJob {
  tenantId: string;
  locationId: string;
  date: string;
}

/**
 * The `schedule-eod-reports` cron: enqueues `generate-eod-report` for the
 * local day that ended (plus a margin for late sales) at each active location of each
 * tenant with report recipients, unless that report was already sent. The
 * singleton key keeps one pending job per location and day per hour;
 * generating is idempotent anyway. A day missed while no worker ran is not
 * caught up (only "yesterday" is considered).
 */
export async function scheduleEodReports(services: AppServices, queue: string): Promise<void> {
  const due = await services.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ tenant_id: string; location_id: string; date: string }>>(DUE_EOD_REPORTS);
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
    await query(tx.em, ENSURE_EOD_REPORT_ROW, { tenant: job.tenantId, location: job.locationId, date: job.date });
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
  const [summary] = await query<Record<string, string>>(em, EOD_DAY_SUMMARY, {
    tenant: job.tenantId,
    location: job.locationId,
    date: job.date,
  });
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
