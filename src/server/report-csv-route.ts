import type { Express, Response } from 'express';
import type { AppServices } from '../services/app-services';
import { DomainError, ErrorCode } from '../errors';
import { createContext } from './context-factory';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

function fail(res: Response, error: DomainError): void {
  res.status(STATUS[error.code] ?? 400).json({ error: { code: error.code, message: error.message } });
}

/** A query-string instant: one ISO 8601 value, or an invalid Date the report's checks reject. */
function instant(value: unknown): Date {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
}

/**
 * `GET /reports/<report>.csv?from=&to=&locationId=`: the reportCsv query
 * over plain HTTP for spreadsheets and scripts, with the same bearer token,
 * permission (pos:report:read), tenant scoping and input checks. Errors are
 * JSON `{error: {code, message}}` with 400 / 401 / 403 / 404.
 */
export function reportCsvRoute(app: Express, services: AppServices): void {
  app.get('/reports/:file', async (req, res) => {
    const match = /^([A-Za-z]{1,64})\.csv$/.exec(req.params.file);
    if (!match) return void res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Unknown report file' } });
    const ctx = await createContext(services, req.headers.authorization);
    if (!ctx.actor || !ctx.tenantId)
      return fail(res, ctx.authError ?? new DomainError('UNAUTHENTICATED', 'Authentication required'));
    if (!ctx.permissions.has('pos:report:read'))
      return fail(res, new DomainError('FORBIDDEN', 'Requires permission pos:report:read'));
    const { from, to, locationId } = req.query;
    try {
      const csv = await services.reports.csv({ ...ctx, tenantId: ctx.tenantId, actor: ctx.actor }, match[1], {
        from: instant(from),
        to: instant(to),
        locationId: typeof locationId === 'string' && locationId ? locationId : null,
      });
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${match[1]}.csv"`);
      res.send(csv);
    } catch (error) {
      if (error instanceof DomainError) return fail(res, error);
      services.log.error({ err: error, report: match[1] }, 'report csv failed');
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' } });
    }
  });
}
