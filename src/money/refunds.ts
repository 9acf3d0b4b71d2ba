import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { badInput, MoneyError } from './money-error';
import { dec } from './decimal';
import { roundMoney } from './rounding';

/**
 * What refunding `units` more units of a line returns, when `alreadyRefunded`
 * of its `lineUnits` units have been refunded before:
 * round(T * (r + k) / n) - round(T * r / n). Refunding a line unit by unit
 * therefore always adds up to its line total (10.00 over 3: 3.33, 3.34, 3.33).
 * Errors: BAD_USER_INPUT (field `quantity`) for fewer than 1 unit,
 * REFUND_EXCEEDS_SALE past the units sold.
 */
export function refundAmountForUnits(
  lineTotal: Decimal,
  lineUnits: number,
  alreadyRefunded: number,
  units: number,
  digits: number,
  mode: RoundingMode,
): Decimal {
  if (!Number.isSafeInteger(lineUnits) || lineUnits < 1) throw new RangeError('a line has at least 1 unit');
  if (!Number.isSafeInteger(alreadyRefunded) || alreadyRefunded < 0) {
    throw new RangeError('already refunded units must be a whole number >= 0');
  }
  if (!Number.isSafeInteger(units) || units < 1) throw badInput('quantity', 'must be a whole number of at least 1');
  if (alreadyRefunded + units > lineUnits) {
    throw new MoneyError(
      'REFUND_EXCEEDS_SALE',
      `cannot refund ${units} more of ${lineUnits} units (${alreadyRefunded} already refunded)`,
    );
  }
  const T = dec(lineTotal);
  const refundedSoFar = (r: number) => roundMoney(T.times(r).div(lineUnits), digits, mode);
  return refundedSoFar(alreadyRefunded + units).minus(refundedSoFar(alreadyRefunded));
}
