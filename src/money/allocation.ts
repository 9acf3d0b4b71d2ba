import Decimal from 'decimal.js';
import { Dec, dec } from './decimal';
import { minorUnit } from './rounding';

/**
 * Splits `total` (a whole number of minor units, >= 0) over lines in
 * proportion to `weights` (>= 0), largest-remainder method: each share is
 * floored to the minor unit, then the units left over go one each to the
 * largest remainders, ties to the earlier line. The shares always sum to
 * `total` exactly and each is within one minor unit of its exact share.
 *
 * Works in BigInt minor units so remainders compare exactly: two lines whose
 * exact remainders are equal must tie, whatever their magnitudes.
 */
export function allocateProportionally(total: Decimal, weights: readonly Decimal[], digits: number): Decimal[] {
  const unit = minorUnit(digits);
  const totalUnits = dec(total).div(unit);
  if (!totalUnits.isInteger() || totalUnits.isNeg()) {
    throw new RangeError(`total must be a non-negative multiple of ${unit.toString()}, got ${dec(total).toString()}`);
  }
  if (weights.some((w) => !dec(w).isFinite() || dec(w).isNeg())) throw new RangeError('weights must be >= 0');

  const scale = Math.max(0, ...weights.map((w) => dec(w).decimalPlaces()));
  const w = weights.map((x) => toBigInt(dec(x).times(new Dec(10).pow(scale))));
  const units = toBigInt(totalUnits);
  const weightSum = w.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    if (units !== 0n) throw new RangeError('cannot allocate a non-zero total over zero weights');
    return weights.map(() => new Dec(0));
  }

  const shares = w.map((wi) => (units * wi) / weightSum);
  const remainders = w.map((wi) => (units * wi) % weightSum);
  let leftover = units - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = w
    .map((_, i) => i)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[b] > remainders[a] ? 1 : -1));
  for (const i of byRemainder) {
    if (leftover === 0n) break;
    shares[i] += 1n;
    leftover -= 1n;
  }
  return shares.map((s) => new Dec(s.toString()).times(unit));
}

function toBigInt(integer: Decimal): bigint {
  return BigInt(integer.toFixed(0));
}
