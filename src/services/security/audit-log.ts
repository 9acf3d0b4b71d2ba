import { actorId } from '../../auth/actor';
import { RequestContext } from '../../context';
import { AuditEvent, Tenant } from '../../entities';
import { keysetPage, Page, PageRequest } from '../core/pagination';

/** Every type of audit row (docs/security.md lists what each records). */
export const AUDIT_EVENT_TYPES = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'approval.granted',
  'approval.failed',
  'approval.throttled',
  'sale.voided',
  'refund.created',
  'cash.paid_out',
  'sale_item.price_overridden',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.password_changed',
  'user.pin_set',
  'user.tokens_revoked',
  'device_token.revoked',
  'tenant.settings_updated',
  'payment_gateway.configured',
  'webhook.endpoint_created',
  'webhook.endpoint_updated',
  'webhook.endpoint_deleted',
  'webhook.secret_rotated',
  'webhook.endpoint_disabled',
  'terminal.reader_changed',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditEntry {
  type: AuditEventType;
  subjectType?: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to the context's actor. */
  actorId?: string | null;
}

export interface AuditFilter {
  from?: Date | null;
  to?: Date | null;
  type?: string | null;
  actorId?: string | null;
}

type Scoped = RequestContext & { tenantId: string };

/** The append-only audit trail of security-relevant actions, per tenant. */
export class AuditLog {
  /**
   * Adds a row to the caller's unit of work: inside inTransaction it is
   * written by that transaction's flush, so it exists exactly when the change does.
   */
  record(ctx: Scoped, entry: AuditEntry): AuditEvent {
    return ctx.em.create(AuditEvent, this.row(ctx, ctx.tenantId, entry));
  }

  /** Writes one row on its own (a failed attempt changes nothing, so there is no transaction to join). */
  async recordAlone(ctx: RequestContext, tenantId: string, entry: AuditEntry): Promise<void> {
    const em = ctx.services.orm.em.fork();
    em.create(AuditEvent, this.row(ctx, tenantId, entry));
    await em.flush();
  }

  /** Newest first, filtered, keyset-paginated. */
  async list(ctx: Scoped, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const where = {
      tenant: ctx.tenantId,
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
    };
    return keysetPage(ctx.em, AuditEvent, where, { field: 'createdAt', direction: 'desc' }, page);
  }

  /** An explicit `actorId` (a login names the user it was for) is a user; else the context's actor. */
  private row(ctx: RequestContext, tenantId: string, entry: AuditEntry) {
    const explicit = entry.actorId !== undefined;
    return {
      tenant: ctx.em.getReference(Tenant, tenantId),
      type: entry.type,
      actorId: explicit ? entry.actorId : ctx.actor ? actorId(ctx.actor) : null,
      actorKind: explicit ? (entry.actorId ? ('user' as const) : null) : (ctx.actor?.kind ?? null),
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      requestId: ctx.requestId,
      data: entry.data ?? {},
      createdAt: new Date(),
    };
  }
}
