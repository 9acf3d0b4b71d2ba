import Decimal from 'decimal.js';

/**
 * One Decimal constructor for the whole project: enough precision for
 * numeric(15,4) products and quotients, no exponent notation in strings.
 */
export const Dec = Decimal.clone({ precision: 40, toExpNeg: -30, toExpPos: 40 });
export type Dec = Decimal;

export const ZERO = new Dec(0);

export function dec(value: Decimal.Value): Decimal {
  return new Dec(value);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * The API's string form: at least two decimals, more only where they carry
 * value (unit prices and costs may have four): 100 -> "100.00",
 * 2.1 -> "2.10", 0.0825 -> "0.0825".
 */
export function formatDecimal(value: Decimal): string {
  return value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toFixed();
}
