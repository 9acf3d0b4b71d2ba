import { LockMode } from '@mikro-orm/core';
import { TenantContext } from '../../../context';
import { PosSession, Sale, Tenant } from '../../../entities';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { DomainError, notFound } from '../../../errors';
import { isUuid } from '../../core/ids';

/*
 * The locks every checkout mutation takes, in this order: the sale row
 * FOR UPDATE, then its session FOR SHARE (closeSession takes it FOR UPDATE,
 * so a close waits for the mutation and counts it), then customer and stock
 * rows. The cart service takes the same order.
 */

/** The sale row, locked FOR UPDATE and read fresh. NOT_FOUND for an unknown id or another tenant's. */
export async function lockSale(tx: TenantContext, saleId: string): Promise<Sale> {
  const sale = isUuid(saleId)
    ? await tx.em.findOne(
        Sale,
        { id: saleId, tenant: tx.tenantId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      )
    : null;
  if (!sale) throw notFound('Sale', saleId);
  return sale;
}

/** The session held FOR SHARE; SESSION_NOT_OPEN unless it is OPEN. */
export async function requireOpenSession(
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
  if (session?.status !== PosSessionStatus.OPEN) throw new DomainError('SESSION_NOT_OPEN', message);
  return session;
}

export function tenantOf(tx: TenantContext): Promise<Tenant> {
  return tx.em.findOneOrFail(Tenant, { id: tx.tenantId });
}
