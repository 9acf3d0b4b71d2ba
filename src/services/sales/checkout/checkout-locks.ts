import { LockMode } from '@mikro-orm/core';
import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import { notFound } from '../../../errors';
import { isUuid } from '../../core/ids';

/*
 * The locks every checkout mutation takes, in this order: the sale row
 * FOR UPDATE, then its session FOR SHARE (closeSession takes it FOR UPDATE,
 * so a close waits for the mutation and counts it), then customer and stock
 * rows. The cart service takes the same order.
 */

/** The sale row, locked FOR UPDATE and read fresh. NOT_FOUND for an unknown id or another tenant's. */
export async function lockSale(tx: TenantContext, saleId: string, label: 'Sale' | 'Cart' = 'Sale'): Promise<Sale> {
  const sale = isUuid(saleId)
    ? await tx.em.findOne(
        Sale,
        { id: saleId, tenant: tx.tenantId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      )
    : null;
  if (!sale) throw notFound(label, saleId);
  return sale;
}
