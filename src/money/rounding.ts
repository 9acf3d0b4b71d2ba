import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { Dec, dec, ZERO } from './decimal';

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  [RoundingMode.HALF_UP]: Decimal.ROUND_HALF_UP, // decimal.js "half up" is away from zero, as docs/money.md wants
  [RoundingMode.HALF_EVEN]: Decimal.ROUND_HALF_EVEN,
};

/** 10^-digits for 0..4 digits, made once (decimal.js values are immutable). */
const MINOR_UNITS = [0, 1, 2, 3, 4].map((digits) => new Dec(10).pow(-digits));

/** The currency's smallest amount: 0.01 for 2 digits, 1 for 0, 0.001 for 3. */
export function minorUnit(digits: number): Decimal {
  assertDigits(digits);
  return MINOR_UNITS[digits];
}

/**
 * Rounds to a multiple of `increment` (> 0). The only place money is
 * rounded: roundMoney and cash rounding both come through here, so two
 * calculators can never disagree on a half.
 */
export function roundToIncrement(value: Decimal, increment: Decimal, mode: RoundingMode): Decimal {
  const step = dec(increment);
  if (!step.isFinite() || step.lte(0)) throw new RangeError(`rounding increment must be > 0, got ${step.toString()}`);
  const rounding = DECIMAL_JS_MODE[mode];
  if (rounding === undefined) throw new RangeError(`unknown rounding mode ${String(mode)}`);
  // A minor unit (10^-k) is k decimal places: the same rounding without the division and product,
  // which were most of a report's time spent rounding its rows.
  const places = MINOR_UNITS.findIndex((unit) => unit.eq(step));
  const rounded =
    places >= 0
      ? dec(value).toDecimalPlaces(places, rounding)
      : dec(value).div(step).toDecimalPlaces(0, rounding).times(step);
  // A rounded -0 becomes 0
  return rounded.isZero() ? ZERO : rounded;
}

/** docs/money.md `round()`: to the minor unit of a currency with `digits` decimals, in the tenant's mode. */
export function roundMoney(value: Decimal, digits: number, mode: RoundingMode): Decimal {
  return roundToIncrement(value, minorUnit(digits), mode);
}

/** True when `value` is a whole number of minor units. */
export function hasAtMostDigits(value: Decimal, digits: number): boolean {
  return dec(value).decimalPlaces() <= digits;
}

function assertDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 4) {
    // numeric(15,4) storage cannot hold a finer minor unit
    throw new RangeError(`currency digits must be an integer in 0..4, got ${digits}`);
  }
}
