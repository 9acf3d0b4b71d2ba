import { userIdOf } from '../../auth/device-access';
import { TenantContext } from '../../context';
import { DeviceToken, Tenant, User } from '../../entities';
import { DeviceTokenKind } from '../../entities/device-token.entity';
import { notFound } from '../../errors';
import { AuthService } from './auth.service';
import { isUuid } from '../core/ids';
import { TerminalService } from '../sessions/terminal.service';
import { inTransaction } from '../core/transaction';

/**
 * Credentials for a terminal's devices (customer display, hardware agent).
 * A token grants only its kind's operations on its own terminal (docs/api.md), and
 * works while it is not revoked and its terminal is active.
 */
export class DeviceTokenService {
  constructor(
    private readonly auth: AuthService,
    private readonly terminals: TerminalService,
  ) {}

  /**
   * Issues a token for an active terminal of the tenant. The token is shown
   * once (only its id is stored). Errors: NOT_FOUND, TERMINAL_INACTIVE.
   */
  async issue(
    ctx: TenantContext,
    input: { terminalId: string; kind: DeviceTokenKind; label?: string | null },
  ): Promise<{ record: DeviceToken; token: string }> {
    const createdBy = userIdOf(ctx);
    const record = await inTransaction(ctx, async (tx) => {
      const terminal = await this.terminals.requireActive(tx, input.terminalId);
      const row = tx.em.create(DeviceToken, {
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        terminal,
        kind: input.kind,
        label: input.label?.trim() || null,
        createdBy: tx.em.getReference(User, createdBy),
        createdAt: new Date(),
      });
      await tx.em.flush();
      return row;
    });
    return { record, token: this.auth.signDeviceToken(record.id, ctx.tenantId, input.terminalId, input.kind) };
  }

  /**
   * Revokes a token: every later request with it is UNAUTHENTICATED and its
   * open subscriptions end on every instance once this commits (Revocations).
   * Idempotent. Errors: NOT_FOUND.
   */
  async revoke(ctx: TenantContext, id: string): Promise<boolean> {
    return inTransaction(ctx, async (tx) => {
      const row = isUuid(id) ? await tx.em.findOne(DeviceToken, { id, tenant: tx.tenantId }) : null;
      if (!row) throw notFound('DeviceToken', id);
      if (!row.revokedAt) {
        row.revokedAt = new Date();
        tx.services.audit.record(tx, { type: 'device_token.revoked', subjectType: 'DeviceToken', subjectId: row.id });
      }
      await tx.services.revocations.announce(tx, { tenantId: tx.tenantId, deviceTokenId: row.id });
      await tx.em.flush();
      return true;
    });
  }

  /** A terminal's tokens, newest first; revoked ones only when asked. Errors: NOT_FOUND. */
  async list(ctx: TenantContext, terminalId: string, includeRevoked = false): Promise<DeviceToken[]> {
    await this.terminals.require(ctx, terminalId);
    return ctx.em.find(
      DeviceToken,
      { tenant: ctx.tenantId, terminal: terminalId, ...(includeRevoked ? {} : { revokedAt: null }) },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }
}
