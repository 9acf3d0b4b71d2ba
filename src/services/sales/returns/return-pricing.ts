import Decimal from 'decimal.js';
import type { Tenant } from '../../../entities';
import { calculateCartTotals } from '../../../money/cart-totals';
import { minorUnitDigits } from '../../../money/currency';

export interface UnlinkedReturn {
  unitPrice: Decimal;
  quantity: number;
  taxRate: Decimal;
}

export interface ReturnPrice {
  /** What the units give back, tax included: the line total a sale of them would have. */
  amount: Decimal;
  /** The tax part of `amount`. */
  taxAmount: Decimal;
}

/**
 * Goods returned without a sale line are priced as if sold now at `unitPrice`
 * without discount: the cart calculator's line total and tax, inclusive or
 * exclusive as the tenant's prices are (docs/money.md steps 1-5), so a return
 * gives back exactly what a sale of the same units would take.
 */
export function priceUnlinkedReturns(tenant: Tenant, lines: readonly UnlinkedReturn[]): ReturnPrice[] {
  const totals = calculateCartTotals({
    lines,
    pricesIncludeTax: tenant.pricesIncludeTax,
    currencyDigits: minorUnitDigits(tenant.currency),
    roundingMode: tenant.roundingMode,
  });
  return totals.lines.map((line) => ({ amount: line.lineTotal, taxAmount: line.taxAmount }));
}
