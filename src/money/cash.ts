import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { badInput } from './money-error';
import { dec, ZERO } from './decimal';
import { roundToIncrement } from './rounding';

export interface CashRounding {
  roundedDue: Decimal;
  /** roundedDue - due, signed: becomes the sale's roundingAdjustment. */
  adjustment: Decimal;
}

/**
 * Rounds what is still due on a cash settlement to the nearest `increment`
 * (the tenant's cashRoundingIncrement), half up whatever the tenant's
 * rounding mode: 10.02 -> 10.00 (-0.02), 10.03 -> 10.05 (+0.02).
 * An increment of 0 means no cash rounding.
 */
export function cashRounding(due: Decimal, increment: Decimal): CashRounding {
  const inc = dec(increment);
  if (inc.isNeg()) throw new RangeError('cashRoundingIncrement must be >= 0');
  if (inc.isZero()) return { roundedDue: dec(due), adjustment: ZERO };
  const roundedDue = roundToIncrement(due, inc, RoundingMode.HALF_UP);
  return { roundedDue, adjustment: roundedDue.minus(due) };
}

/** Change for a cash payment: received 100.00 for 63.72 applied gives 36.28. */
export function changeFor(receivedAmount: Decimal, amountApplied: Decimal): Decimal {
  const received = dec(receivedAmount);
  if (received.lt(amountApplied)) throw badInput('receivedAmount', 'must be at least the amount paid');
  return received.minus(amountApplied);
}

/**
 * docs/money.md: amountDue = totalAmount + roundingAdjustment - paidAmount -
 * returnAmount (an exchange's returned goods still on the cart; below zero
 * the store owes the customer: docs/returns.md).
 */
export function amountDue(
  totalAmount: Decimal,
  roundingAdjustment: Decimal,
  paidAmount: Decimal,
  returnAmount: Decimal = ZERO,
): Decimal {
  return dec(totalAmount).plus(roundingAdjustment).minus(paidAmount).minus(returnAmount);
}
