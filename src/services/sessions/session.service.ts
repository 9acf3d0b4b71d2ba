import { LockMode } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { userIdOf } from '../../auth/device-access';
import { TenantContext } from '../../context';
import { CashMovement, PosSession, Tenant, User } from '../../entities';
import { CashMovementType } from '../../entities/cash-movement.entity';
import { PosSessionStatus } from '../../entities/pos-session.entity';
import { badInput, DomainError, notFound } from '../../errors';
import { minorUnitDigits } from '../../money/currency';
import { hasAtMostDigits } from '../../money/rounding';
import { isUuid } from '../core/ids';
import { formatNumber, nextNumber } from '../core/numbering';
import { keysetPage, Page, PageRequest } from '../core/pagination';
import { cashAmount } from '../../money/session-figures';
import { onceByKey } from '../core/once-by-key';
import { freshFigures } from './session-report';
import { findUnfinishedCart } from './session-sales';
import { assertSessionOpen } from './session-open';
import { TerminalService } from './terminal.service';
import { inTransaction } from '../core/transaction';
import { ApprovalInput } from '../security/approvals';
import { assertWithinDrawer, payOutApproval } from './pay-out-bounds';
import { emitCashMovement, emitSessionEvent } from '../webhooks/domain-events';
import { countInput, DenominationCount } from './denomination-counts';

export const SESSION_SERIES = 'session';

export interface OpenSessionInput {
  terminalId: string;
  openingBalance?: Decimal | null;
  openingCount?: unknown;
  openingDenominations?: DenominationCount[] | null;
}

export interface CloseSessionInput {
  sessionId: string;
  closingBalance?: Decimal | null;
  closingCount?: unknown;
  closingDenominations?: DenominationCount[] | null;
  notes?: string | null;
}

export interface SessionFilter {
  terminalId?: string | null;
  status?: PosSessionStatus | null;
  from?: Date | null;
  to?: Date | null;
  reconciled?: boolean | null;
}

/** Cash-drawer sessions: opening, cash movements, closing and sign-off. */
export class SessionService {
  constructor(private readonly terminals: TerminalService) {}

  /**
   * Opens a session on an active terminal of the tenant, numbered from the
   * tenant's gapless "session" series, in one transaction (terminal row held
   * FOR SHARE so it cannot be deactivated meanwhile). One OPEN session per
   * terminal is decided by a partial unique index: of two concurrent calls one
   * wins, the other gets SESSION_ALREADY_OPEN and consumes no number.
   * Errors: NOT_FOUND, TERMINAL_INACTIVE, BAD_USER_INPUT (balance/count).
   */
  async open(ctx: TenantContext, input: OpenSessionInput): Promise<PosSession> {
    const openedBy = userIdOf(ctx);
    const opening = await this.countedCash(
      ctx,
      'opening',
      input.openingBalance,
      input.openingCount,
      input.openingDenominations,
    );
    return inTransaction(ctx, async (tx) => {
      const terminal = await this.terminals.requireActive(tx, input.terminalId, LockMode.PESSIMISTIC_READ);
      const number = await nextNumber(tx, SESSION_SERIES);
      const session = tx.em.create(PosSession, {
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        sessionNumber: formatNumber('S', number),
        terminal,
        openedBy: tx.em.getReference(User, openedBy),
        openingBalance: opening.amount,
        openingCount: opening.count,
        status: PosSessionStatus.OPEN,
        openedAt: new Date(),
        createdAt: new Date(),
      });
      await tx.em.flush();
      await emitSessionEvent(tx, 'session.opened', session);
      return session;
    });
  }

  /**
   * Closes an OPEN session in one transaction with its row locked FOR UPDATE
   * (sales and cash movements of the session wait, or have committed):
   * expectedBalance from the session's cash (docs/money.md, Cash sessions),
   * closingBalance from the count, variance = closing - expected.
   * Works on a deactivated terminal too (its drawer still has to be counted).
   * Errors: NOT_FOUND, SESSION_NOT_OPEN, CONFLICT (an unfinished cart),
   * BAD_USER_INPUT (balance/count).
   */
  async close(ctx: TenantContext, input: CloseSessionInput): Promise<PosSession> {
    const closedBy = userIdOf(ctx);
    const closing = await this.countedCash(
      ctx,
      'closing',
      input.closingBalance,
      input.closingCount,
      input.closingDenominations,
    );
    return inTransaction(ctx, async (tx) => {
      const session = await this.requireOpen(tx, input.sessionId, LockMode.PESSIMISTIC_WRITE);
      const cartId = await findUnfinishedCart(tx, session);
      if (cartId) {
        throw new DomainError(
          'CONFLICT',
          'The terminal has an unfinished cart: park, complete or void it before closing',
          { cartId },
        );
      }
      const figures = await freshFigures(tx, session);
      Object.assign(session, {
        status: PosSessionStatus.CLOSED,
        closedAt: new Date(),
        closedBy: tx.em.getReference(User, closedBy),
        expectedBalance: figures.expectedCash,
        closingBalance: closing.amount,
        closingCount: closing.count,
        variance: closing.amount.minus(figures.expectedCash),
        notes: input.notes?.trim() || null,
      });
      await tx.em.flush();
      await emitSessionEvent(tx, 'session.closed', session);
      return session;
    });
  }

  /**
   * For the auto-close job: closes a session still OPEN, in one transaction
   * with its row locked FOR UPDATE, with expectedBalance computed as in
   * `close` but no count: closingBalance and variance stay null, closedBy is
   * null (the system) and `needsReconciliation` is set. Returns false (and
   * changes nothing) when the session is no longer open, so a retried job is
   * harmless. Unfinished carts do not block it: they expire on their own.
   */
  async closeWithoutCount(ctx: TenantContext, sessionId: string, notes: string): Promise<boolean> {
    return inTransaction(ctx, async (tx) => {
      const session = await this.require(tx, sessionId, LockMode.PESSIMISTIC_WRITE);
      if (session.status !== PosSessionStatus.OPEN) return false;
      const figures = await freshFigures(tx, session);
      Object.assign(session, {
        status: PosSessionStatus.CLOSED,
        closedAt: new Date(),
        closedBy: null,
        expectedBalance: figures.expectedCash,
        closingBalance: null,
        closingCount: null,
        variance: null,
        notes,
        needsReconciliation: true,
      });
      await tx.em.flush();
      await emitSessionEvent(tx, 'session.closed', session);
      return true;
    });
  }

  /**
   * A manager's sign-off of a CLOSED session's figures: stamps reconciledAt,
   * reconciledBy and notes, once. Errors: NOT_FOUND, CONFLICT (still open, or
   * already reconciled).
   */
  async reconcile(ctx: TenantContext, input: { sessionId: string; notes?: string | null }): Promise<PosSession> {
    const reconciledBy = userIdOf(ctx);
    return inTransaction(ctx, async (tx) => {
      const session = await this.require(tx, input.sessionId, LockMode.PESSIMISTIC_WRITE);
      if (session.status === PosSessionStatus.OPEN) {
        throw new DomainError(
          'CONFLICT',
          `Session ${session.sessionNumber} is still open: close it before reconciling`,
        );
      }
      if (session.reconciledAt) {
        throw new DomainError('CONFLICT', `Session ${session.sessionNumber} is already reconciled`);
      }
      Object.assign(session, {
        reconciledAt: new Date(),
        reconciledBy: tx.em.getReference(User, reconciledBy),
        reconcileNotes: input.notes?.trim() || null,
        needsReconciliation: false,
      });
      await tx.em.flush();
      return session;
    });
  }

  /**
   * Records a pay-in or pay-out (amount > 0, whole minor units) on an OPEN
   * session, with the acting user, in one transaction holding the session
   * FOR SHARE (so a concurrent close waits for it and counts it).
   * With an `idempotencyKey` it is recorded once however often the request
   * is retried (the retry answers the first movement).
   * Errors: NOT_FOUND, SESSION_NOT_OPEN, BAD_USER_INPUT, IDEMPOTENCY_KEY_REUSED.
   */
  async recordCashMovement(
    ctx: TenantContext,
    input: {
      sessionId: string;
      type: CashMovementType;
      amount: Decimal;
      reason: string;
      idempotencyKey?: string | null;
    } & ApprovalInput,
  ): Promise<CashMovement> {
    const performedBy = userIdOf(ctx);
    if (!input.amount.gt(0)) throw badInput('amount', 'must be > 0');
    const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
    const digits = minorUnitDigits(tenant.currency);
    if (!hasAtMostDigits(input.amount, digits))
      throw badInput('amount', `must be a whole number of minor units (${digits} decimals)`);
    const payOut = input.type === CashMovementType.PAY_OUT;
    const approval = payOut ? await payOutApproval(ctx, tenant, input) : null;
    const planned = { cashMovementId: randomUUID() };
    const { cashMovementId } = await onceByKey(
      ctx,
      { key: input.idempotencyKey, operation: 'recordCashMovement', input },
      async (tx) => {
        // A pay-out locks the session exclusively: two at once must not both pass the drawer check.
        const session = await this.requireOpen(
          tx,
          input.sessionId,
          payOut ? LockMode.PESSIMISTIC_WRITE : LockMode.PESSIMISTIC_READ,
        );
        if (payOut) await assertWithinDrawer(tx, tenant, session, input.amount);
        const movement = tx.em.create(CashMovement, {
          id: planned.cashMovementId,
          tenant: tx.em.getReference(Tenant, tx.tenantId),
          session,
          type: input.type,
          amount: input.amount,
          reason: input.reason.trim(),
          performedBy: tx.em.getReference(User, performedBy),
          createdAt: new Date(),
        });
        if (payOut) {
          const request = { action: 'pay_out', subjectType: 'CashMovement', subjectId: movement.id };
          if (approval) tx.services.approvals.recordGranted(tx, approval, request);
          tx.services.audit.record(tx, {
            ...request,
            type: 'cash.paid_out',
            data: {
              sessionId: session.id,
              amount: input.amount.toFixed(digits),
              reason: movement.reason,
              approverId: approval?.approverId ?? null,
            },
          });
        }
        await tx.em.flush();
        await emitCashMovement(tx, movement);
        return planned;
      },
      planned,
    );
    return ctx.em.findOneOrFail(CashMovement, { id: cashMovementId, tenant: ctx.tenantId });
  }

  /** The terminal's OPEN session, or null. Errors: NOT_FOUND (terminal). */
  async active(ctx: TenantContext, terminalId: string): Promise<PosSession | null> {
    const terminal = await this.terminals.require(ctx, terminalId);
    return ctx.em.findOne(PosSession, { tenant: ctx.tenantId, terminal, status: PosSessionStatus.OPEN });
  }

  /** The session, or null when the tenant has none with this id. */
  async get(ctx: TenantContext, id: string): Promise<PosSession | null> {
    if (!isUuid(id)) return null;
    return ctx.em.findOne(PosSession, { id, tenant: ctx.tenantId });
  }

  /** Sessions newest first (openedAt, then id), filtered, keyset-paginated. */
  async list(ctx: TenantContext, filter: SessionFilter, page: PageRequest): Promise<Page<PosSession>> {
    const openedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const where = {
      tenant: ctx.tenantId,
      ...(filter.terminalId != null ? { terminal: filter.terminalId } : {}),
      ...(filter.status != null ? { status: filter.status } : {}),
      ...(filter.reconciled != null ? { reconciledAt: filter.reconciled ? { $ne: null } : null } : {}),
      ...(Object.keys(openedAt).length ? { openedAt } : {}),
    };
    return keysetPage(ctx.em, PosSession, where, { field: 'openedAt', direction: 'desc' }, page);
  }

  private async require(ctx: TenantContext, id: string, lockMode?: LockMode): Promise<PosSession> {
    const session = isUuid(id)
      ? await ctx.em.findOne(PosSession, { id, tenant: ctx.tenantId }, { lockMode, refresh: !!lockMode })
      : null;
    if (!session) throw notFound('Session', id);
    return session;
  }

  private async requireOpen(ctx: TenantContext, id: string, lockMode: LockMode): Promise<PosSession> {
    const session = await this.require(ctx, id, lockMode);
    assertSessionOpen(session.status, `Session ${session.sessionNumber} is ${session.status.toLowerCase()}`);
    return session;
  }

  /**
   * The drawer amount of an opening or a closing: a balance, a JSON count or
   * typed denomination lines (one of the count forms), in the tenant's minor
   * units; errors name the input's own fields (`openingCount`, `closingBalance`...).
   */
  private async countedCash(
    ctx: TenantContext,
    side: 'opening' | 'closing',
    balance: Decimal | null | undefined,
    json: unknown,
    lines: DenominationCount[] | null | undefined,
  ) {
    const count = countInput(json, lines, { json: `${side}Count`, lines: `${side}Denominations` });
    return cashAmount(
      { balance: `${side}Balance`, count: count.field },
      await this.currencyDigits(ctx),
      balance,
      count.raw,
    );
  }

  private async currencyDigits(ctx: TenantContext): Promise<number> {
    const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
    return minorUnitDigits(tenant.currency);
  }
}
