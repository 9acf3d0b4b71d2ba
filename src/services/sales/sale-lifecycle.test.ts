import type { Sale } from '../../entities';
import { SaleStatus } from '../../entities/sale-enums';
import { DomainError } from '../../errors';
import { canMove, moveSale, SALE_TRANSITIONS } from './sale-lifecycle';

const saleIn = (status: SaleStatus) => ({ status, version: 3, updatedAt: new Date(0) }) as Sale;

describe('the sale state machine', () => {
  it('moves, bumps the version and stamps the time in one call', () => {
    const sale = saleIn(SaleStatus.PARTIALLY_PAID);
    const now = new Date('2026-12-01T10:00:00Z');
    moveSale(sale, SaleStatus.COMPLETED, now, { completedAt: now, expiresAt: null });
    expect(sale).toMatchObject({ status: 'COMPLETED', version: 4, updatedAt: now, completedAt: now, expiresAt: null });
  });

  it('refuses an illegal move with one error naming from and to, changing nothing', () => {
    const sale = saleIn(SaleStatus.VOIDED);
    let error: unknown;
    try {
      moveSale(sale, SaleStatus.COMPLETED, new Date());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('SALE_NOT_EDITABLE');
    expect((error as DomainError).message).toBe('A voided sale cannot become completed');
    expect((error as DomainError).extensions).toEqual({ code: 'SALE_NOT_EDITABLE', from: 'VOIDED', to: 'COMPLETED' });
    expect(sale).toMatchObject({ status: 'VOIDED', version: 3 });
  });

  it('ends in VOIDED and REFUNDED, and never goes back to a cart once completed', () => {
    expect(SALE_TRANSITIONS.VOIDED).toEqual([]);
    expect(SALE_TRANSITIONS.REFUNDED).toEqual([]);
    for (const cart of [SaleStatus.DRAFT, SaleStatus.PENDING, SaleStatus.PARTIALLY_PAID]) {
      expect(canMove(SaleStatus.COMPLETED, cart)).toBe(false);
      expect(canMove(SaleStatus.PARTIALLY_REFUNDED, cart)).toBe(false);
    }
    expect(canMove(SaleStatus.PARTIALLY_REFUNDED, SaleStatus.VOIDED)).toBe(false);
    expect(canMove(SaleStatus.PARTIALLY_PAID, SaleStatus.PENDING)).toBe(false);
  });
});
