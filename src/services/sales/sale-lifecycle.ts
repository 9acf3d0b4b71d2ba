import type { Sale } from '../../entities';
import { SaleStatus } from '../../entities/sale-enums';
import { DomainError } from '../../errors';

const { DRAFT, PENDING, PARTIALLY_PAID, COMPLETED, VOIDED, PARTIALLY_REFUNDED, REFUNDED } = SaleStatus;

/**
 * The sale's life (docs/checkout.md, "The sale's states"): from each status,
 * the statuses it may move to. A status listed under itself is an edit that
 * keeps it (a cart line change, a declined payment). Parking is not a state:
 * it is `parkedAt` on a cart (DRAFT, PENDING or PARTIALLY_PAID).
 */
export const SALE_TRANSITIONS: Readonly<Record<SaleStatus, readonly SaleStatus[]>> = {
  [DRAFT]: [DRAFT, PENDING, PARTIALLY_PAID, COMPLETED, VOIDED],
  [PENDING]: [PENDING, PARTIALLY_PAID, COMPLETED, VOIDED],
  [PARTIALLY_PAID]: [PARTIALLY_PAID, COMPLETED, VOIDED],
  [COMPLETED]: [VOIDED, PARTIALLY_REFUNDED, REFUNDED],
  [PARTIALLY_REFUNDED]: [PARTIALLY_REFUNDED, REFUNDED],
  [VOIDED]: [],
  [REFUNDED]: [],
};

export function canMove(from: SaleStatus, to: SaleStatus): boolean {
  return SALE_TRANSITIONS[from].includes(to);
}

/**
 * The one way a sale changes: checks the move against the table (an illegal
 * one is SALE_NOT_EDITABLE naming both statuses), sets the status with the
 * fields that go with it, bumps `version` (what clients send back to detect
 * a stale view) and stamps `updatedAt`. The caller holds the sale's row lock
 * and flushes.
 */
export function moveSale(
  sale: Sale,
  to: SaleStatus,
  now: Date,
  fields: Partial<
    Pick<
      Sale,
      'completedAt' | 'voidedAt' | 'voidedById' | 'voidReason' | 'voidApprovedById' | 'expiresAt' | 'saleNumber'
    >
  > = {},
): void {
  if (!canMove(sale.status, to)) {
    throw new DomainError('SALE_NOT_EDITABLE', `A ${label(sale.status)} sale cannot become ${label(to)}`, {
      from: sale.status,
      to,
    });
  }
  Object.assign(sale, fields);
  sale.status = to;
  sale.version += 1;
  sale.updatedAt = now;
}

const label = (status: SaleStatus) => status.toLowerCase().replace('_', ' ');
