import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { badInput } from './money-error';
import { Dec, dec, ZERO } from './decimal';
import { hasAtMostDigits, roundMoney } from './rounding';

export type DiscountType = 'PERCENTAGE' | 'FIXED_AMOUNT';

/** A discount as entered: `value` is a percent (10 = 10 %) or an amount in the currency. */
export interface Discount {
  type: DiscountType;
  value: Decimal;
}

const HUNDRED = new Dec(100);

/**
 * docs/money.md step 2: the amount an item discount takes off a line's gross.
 * Errors (BAD_USER_INPUT, field `value`): percentage outside 0 < v <= 100,
 * negative or more-decimals-than-the-currency fixed amount, fixed amount
 * above the gross. A value of 0 (or no discount) takes nothing off.
 */
export function itemDiscountAmount(
  gross: Decimal,
  discount: Discount | null | undefined,
  digits: number,
  mode: RoundingMode,
): Decimal {
  return discountAmountOf(gross, discount, digits, mode, "the line's gross");
}

/**
 * docs/money.md step 3: the cart discount D over the lines' net total
 * (sum of gross minus item discounts). Same errors as an item discount, the
 * fixed amount bounded by that net total: with nothing left to discount, only
 * a percentage (which then comes to 0) is accepted.
 */
export function cartDiscountAmount(
  netTotal: Decimal,
  discount: Discount | null | undefined,
  digits: number,
  mode: RoundingMode,
): Decimal {
  return discountAmountOf(netTotal, discount, digits, mode, "the cart's total after item discounts");
}

/**
 * The percent of `base` that `amount` represents (exact, not rounded), for
 * the manager-approval threshold: 6.00 of 59.97 -> 10.0050...
 * A zero base has no discount to measure (0 of 0 is 0 %).
 */
export function discountPercentOf(amount: Decimal, base: Decimal): Decimal {
  const a = dec(amount);
  const b = dec(base);
  if (b.isZero()) {
    if (a.isZero()) return ZERO;
    throw new RangeError('a discount of a zero amount cannot be measured');
  }
  return a.div(b).times(HUNDRED);
}

function discountAmountOf(
  base: Decimal,
  discount: Discount | null | undefined,
  digits: number,
  mode: RoundingMode,
  baseName: string,
): Decimal {
  if (!discount) return ZERO;
  const v = dec(discount.value);
  if (v.isZero()) return ZERO; // callers clear a discount by setting it to 0
  if (!v.isFinite() || v.isNeg()) throw badInput('value', 'a discount must be greater than 0');
  switch (discount.type) {
    case 'PERCENTAGE':
      if (v.gt(HUNDRED)) throw badInput('value', 'a percentage discount must be at most 100');
      return roundMoney(dec(base).times(v).div(HUNDRED), digits, mode);
    case 'FIXED_AMOUNT':
      if (!hasAtMostDigits(v, digits)) {
        throw badInput('value', `a fixed discount must have at most ${digits} decimals in this currency`);
      }
      if (v.gt(base)) {
        throw badInput(
          'value',
          `a fixed discount of ${v.toFixed(digits)} exceeds ${baseName} (${dec(base).toFixed(digits)})`,
        );
      }
      return v;
    default:
      throw badInput('type', `unknown discount type ${String((discount as Discount).type)}`);
  }
}
