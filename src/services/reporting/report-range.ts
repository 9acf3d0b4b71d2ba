import { TenantContext } from '../../context';
import { Location } from '../../entities';
import { badInput, notFound } from '../../errors';
import { isUuid } from '../core/ids';
import { ReportScope } from './report.sql';

/** The longest range a report accepts (docs/reports.md): a year plus a leap day. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks a report's inputs: `from` strictly before `to` (BAD_USER_INPUT
 * "from"), at most MAX_REPORT_DAYS apart (BAD_USER_INPUT "to"), and a
 * location of the tenant when given (NOT_FOUND otherwise, also for another
 * tenant's id).
 */
export async function reportScope(
  ctx: TenantContext,
  input: { from: Date; to: Date; locationId?: string | null },
): Promise<ReportScope> {
  const { from, to } = input;
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw badInput('from', 'must be a DateTime');
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw badInput('to', 'must be a DateTime');
  if (from.getTime() >= to.getTime()) throw badInput('from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    throw badInput('to', `the range may span at most ${MAX_REPORT_DAYS} days`);
  }
  const locationId = input.locationId ?? null;
  if (locationId !== null) await requireLocation(ctx, locationId);
  return { tenantId: ctx.tenantId, from, to, locationId };
}

/** The tenant's location, or NOT_FOUND. */
export async function requireLocation(ctx: TenantContext, locationId: string): Promise<Location> {
  const location = isUuid(locationId) ? await ctx.em.findOne(Location, { id: locationId, tenant: ctx.tenantId }) : null;
  if (!location) throw notFound('Location', locationId);
  return location;
}
