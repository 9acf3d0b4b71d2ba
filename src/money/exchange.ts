import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { dec } from './decimal';
import { cashRounding } from './cash';
import { refundAmountForUnits } from './refunds';

/** A sale line as it was charged: what its units give back when they are returned. */
export interface ChargedLine {
  quantity: number;
  lineTotal: Decimal;
  taxAmount: Decimal;
  /** Its own discount plus its share of the cart discount. */
  discountAmount: Decimal;
}

export interface LinkedReturnAmounts {
  /** Money back, tax included. */
  amount: Decimal;
  /** The tax part of it: the tax reversed. */
  taxAmount: Decimal;
  /** The discount the units had, which they do not give back. */
  discountAmount: Decimal;
}

/**
 * What returning `units` more units of a sold line gives back when
 * `alreadyReturned` were before: the line total, its tax and its discount,
 * each shared out by refundAmountForUnits (round(X(r+k)/n) - round(Xr/n)),
 * so a line returned in parts gives back exactly what it charged and
 * reverses exactly the tax it charged. Errors: those of refundAmountForUnits
 * (BAD_USER_INPUT quantity, REFUND_EXCEEDS_SALE past the units sold).
 */
export function linkedReturnAmounts(
  line: ChargedLine,
  alreadyReturned: number,
  units: number,
  digits: number,
  mode: RoundingMode,
): LinkedReturnAmounts {
  const share = (x: Decimal) => refundAmountForUnits(x, line.quantity, alreadyReturned, units, digits, mode);
  return {
    amount: share(line.lineTotal),
    taxAmount: share(line.taxAmount),
    discountAmount: share(line.discountAmount),
  };
}

export interface ExchangeBalance {
  /** New goods minus returned goods, both tax included: > 0 the customer pays, < 0 the store pays out. */
  net: Decimal;
  /** What changes hands: the net, cash-rounded when it is settled in cash. */
  settled: Decimal;
  /** settled - net: the sale's roundingAdjustment. */
  roundingAdjustment: Decimal;
}

/**
 * The money of an exchange (docs/returns.md, "The money of an exchange"):
 * the cart's new lines total less its returned lines' amounts is the net,
 * and only the net is settled. Cash rounds the net (never the two sides on
 * their own) to the tenant's increment, half up and symmetric below zero
 * (cashRounding), so the drawer moves by exactly `settled`.
 */
export function exchangeBalance(
  newGoodsTotal: Decimal,
  returnedTotal: Decimal,
  settlement: { cash: boolean; cashRoundingIncrement: Decimal },
): ExchangeBalance {
  const net = dec(newGoodsTotal).minus(returnedTotal);
  if (!settlement.cash) return { net, settled: net, roundingAdjustment: dec(0) };
  const { roundedDue, adjustment } = cashRounding(net, settlement.cashRoundingIncrement);
  return { net, settled: roundedDue, roundingAdjustment: adjustment };
}
