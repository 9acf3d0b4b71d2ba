import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { CartTotals, calculateCartTotals } from './cart-totals';
import { minorUnitDigits } from './currency';
import { Discount, DiscountType } from './discounts';

/** What the totals read and write on a sale (a Sale entity on the server, a register's own object elsewhere). */
interface Discounted {
  discountType?: DiscountType | `${DiscountType}` | null;
  discountValue?: Decimal | null;
}
export interface SaleLineFigures extends Discounted {
  lineNo: number;
  unitPrice: Decimal;
  quantity: number;
  taxRate: Decimal;
  discountAmount: Decimal;
  taxAmount: Decimal;
  lineTotal: Decimal;
}
export interface SaleTotalsHolder extends Discounted {
  subtotal: Decimal;
  discountAmount: Decimal;
  taxAmount: Decimal;
  totalAmount: Decimal;
}

/** The tenant settings the totals depend on. */
export interface TotalsSettings {
  pricesIncludeTax: boolean;
  currencyDigits: number;
  roundingMode: RoundingMode;
}

export function totalsSettings(tenant: {
  pricesIncludeTax: boolean;
  currency: string;
  roundingMode: RoundingMode;
}): TotalsSettings {
  return {
    pricesIncludeTax: tenant.pricesIncludeTax,
    currencyDigits: minorUnitDigits(tenant.currency),
    roundingMode: tenant.roundingMode,
  };
}

/**
 * The one place a sale's figures are written: maps the sale and its lines
 * (in line order) to `calculateCartTotals` (docs/money.md steps 1-6) and writes
 * each line's discountAmount / taxAmount / lineTotal and the sale's subtotal /
 * discountAmount / taxAmount / totalAmount back. Returns the calculator's
 * result (the item discounts and gross are needed for approval checks).
 * Throws BAD_USER_INPUT (field `value`) when a discount no longer fits, and
 * writes nothing then.
 */
export function applyCartTotals(
  sale: SaleTotalsHolder,
  items: readonly SaleLineFigures[],
  settings: TotalsSettings,
): CartTotals {
  const lines = [...items].sort((a, b) => a.lineNo - b.lineNo);
  const totals = calculateCartTotals({
    lines: lines.map((item) => ({
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      taxRate: item.taxRate,
      discount: discountOf(item),
    })),
    cartDiscount: discountOf(sale),
    ...settings,
  });
  lines.forEach((item, i) => {
    const line = totals.lines[i];
    item.discountAmount = line.discountAmount;
    item.taxAmount = line.taxAmount;
    item.lineTotal = line.lineTotal;
  });
  sale.subtotal = totals.sale.subtotal;
  sale.discountAmount = totals.sale.discountAmount;
  sale.taxAmount = totals.sale.taxAmount;
  sale.totalAmount = totals.sale.totalAmount;
  return totals;
}

function discountOf(holder: Discounted): Discount | null {
  return holder.discountType && holder.discountValue
    ? { type: holder.discountType as DiscountType, value: holder.discountValue }
    : null;
}
