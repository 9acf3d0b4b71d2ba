import { LockMode } from '@mikro-orm/core';
import { TenantContext } from '../../context';
import { PosSession } from '../../entities';
import { PosSessionStatus } from '../../entities/pos-session.entity';
import { DomainError } from '../../errors';
import { isUuid } from '../core/ids';

/**
 * The one "is the session open" rule: selling, paying, voiding and refunding
 * need an OPEN session, held FOR SHARE while they run (closeSession takes it
 * FOR UPDATE, so a close waits for them and counts them).
 */
export function assertSessionOpen(
  status: PosSessionStatus | null | undefined,
  message: string,
  code: 'SESSION_NOT_OPEN' | 'SALE_NOT_EDITABLE' = 'SESSION_NOT_OPEN',
): void {
  if (status !== PosSessionStatus.OPEN) throw new DomainError(code, message);
}

/** The session by id, held FOR SHARE; SESSION_NOT_OPEN unless it is OPEN. */
export async function lockOpenSession(
  tx: TenantContext,
  sessionId: string | null | undefined,
  message: string,
): Promise<PosSession> {
  const session =
    sessionId && isUuid(sessionId)
      ? await tx.em.findOne(
          PosSession,
          { id: sessionId, tenant: tx.tenantId },
          { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
        )
      : null;
  assertSessionOpen(session?.status, message);
  return session!;
}

/** The terminal's OPEN session, held FOR SHARE; SESSION_NOT_OPEN when it has none. */
export async function lockOpenSessionOfTerminal(
  tx: TenantContext,
  terminalId: string,
  code: string,
): Promise<PosSession> {
  const session = await tx.em.findOne(
    PosSession,
    { tenant: tx.tenantId, terminal: terminalId, status: PosSessionStatus.OPEN },
    { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
  );
  assertSessionOpen(session?.status, `Terminal ${code} has no open session`);
  return session!;
}
