import Decimal from 'decimal.js';
import fc from 'fast-check';
import { RoundingMode } from '../entities/enums';
import { dec } from './decimal';
import { minorUnit, roundMoney, roundToIncrement } from './rounding';

const { HALF_UP, HALF_EVEN } = RoundingMode;

describe('roundMoney', () => {
  it.each([
    // value, digits, HALF_UP, HALF_EVEN
    ['0.125', 2, '0.13', '0.12'],
    ['0.135', 2, '0.14', '0.14'],
    ['-0.125', 2, '-0.13', '-0.12'],
    ['-0.135', 2, '-0.14', '-0.14'],
    ['2.5', 0, '3', '2'],
    ['3.5', 0, '4', '4'],
    ['-2.5', 0, '-3', '-2'],
    ['0.0005', 3, '0.001', '0.000'],
    ['7.0365', 3, '7.037', '7.036'],
    ['0.1249999', 2, '0.12', '0.12'],
    ['0.1250001', 2, '0.13', '0.13'],
    ['4.104375', 2, '4.10', '4.10'],
    ['12.3456', 4, '12.3456', '12.3456'],
  ])('%s at %i digits: HALF_UP %s, HALF_EVEN %s', (value, digits, up, even) => {
    expect(roundMoney(dec(value), digits, HALF_UP).toFixed(digits)).toBe(up);
    expect(roundMoney(dec(value), digits, HALF_EVEN).toFixed(digits)).toBe(even);
  });

  it('never yields a negative zero', () => {
    const r = roundMoney(dec('-0.001'), 2, HALF_UP);
    expect(r.isNeg()).toBe(false);
    expect(r.toFixed(2)).toBe('0.00');
  });

  it('rejects digits a numeric(15,4) column cannot hold', () => {
    expect(() => roundMoney(dec(1), 5, HALF_UP)).toThrow(RangeError);
    expect(() => roundMoney(dec(1), -1, HALF_UP)).toThrow(RangeError);
    expect(() => roundMoney(dec(1), 1.5, HALF_UP)).toThrow(RangeError);
  });

  it('rejects an unknown mode', () => {
    expect(() => roundMoney(dec(1), 2, 'HALF_DOWN' as RoundingMode)).toThrow(RangeError);
  });
});

describe('roundToIncrement', () => {
  it.each([
    ['10.02', '0.05', '10.00'],
    ['10.025', '0.05', '10.05'],
    ['10.03', '0.05', '10.05'],
    ['10.07', '0.05', '10.05'],
    ['10.08', '0.05', '10.10'],
    ['10.24', '0.10', '10.20'],
    ['10.25', '0.10', '10.30'],
    ['-10.03', '0.05', '-10.05'],
  ])('%s to %s half up is %s', (value, increment, expected) => {
    expect(roundToIncrement(dec(value), dec(increment), HALF_UP).toFixed(2)).toBe(expected);
  });

  it('rounds to a minor unit exactly as dividing by it, rounding to a whole number and multiplying back', () => {
    // The minor-unit shortcut (decimal places) against the general formula, for values with up to 8 places.
    const modes = { [HALF_UP]: Decimal.ROUND_HALF_UP, [HALF_EVEN]: Decimal.ROUND_HALF_EVEN };
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(HALF_UP, HALF_EVEN),
        (units, scale, digits, mode) => {
          const value = dec(units.toString()).div(dec(10).pow(scale));
          const step = minorUnit(digits);
          const general = value.div(step).toDecimalPlaces(0, modes[mode]).times(step).plus(0);
          const rounded = roundToIncrement(value, step, mode);
          expect(rounded.toString()).toBe(general.toString());
          expect(Object.is(rounded.toNumber(), -0)).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('rounds the half to an even multiple under HALF_EVEN', () => {
    expect(roundToIncrement(dec('0.125'), dec('0.05'), HALF_EVEN).toFixed(2)).toBe('0.10');
    expect(roundToIncrement(dec('0.175'), dec('0.05'), HALF_EVEN).toFixed(2)).toBe('0.20');
  });

  it('rejects a zero or negative increment', () => {
    expect(() => roundToIncrement(dec(1), dec(0), HALF_UP)).toThrow(RangeError);
    expect(() => roundToIncrement(dec(1), dec('-0.05'), HALF_UP)).toThrow(RangeError);
  });
});

describe('minorUnit', () => {
  it.each([
    [0, '1'],
    [2, '0.01'],
    [3, '0.001'],
  ])('%i digits -> %s', (digits, unit) => {
    expect(minorUnit(digits).toString()).toBe(unit);
  });
});
