import fc from 'fast-check';
import { allocateProportionally } from './allocation';
import { dec, sum } from './decimal';
import { minorUnit } from './rounding';

const strings = (xs: { toFixed(d: number): string }[], d = 2) => xs.map((x) => x.toFixed(d));

describe('allocateProportionally', () => {
  it('docs/money.md Example 1: 5.00 over 53.97 / 8.98 / 0.99 -> 4.22 / 0.70 / 0.08', () => {
    // raw 4.2203 / 0.7022 / 0.0774; floors 4.22 + 0.70 + 0.07 = 4.99; the last cent to C (remainder .74 of a cent)
    const shares = allocateProportionally(dec('5.00'), [dec('53.97'), dec('8.98'), dec('0.99')], 2);
    expect(strings(shares)).toEqual(['4.22', '0.70', '0.08']);
  });

  it('docs/money.md Example 2: 3.00 over 24.00 / 6.00 -> 2.40 / 0.60', () => {
    expect(strings(allocateProportionally(dec('3.00'), [dec('24.00'), dec('6.00')], 2))).toEqual(['2.40', '0.60']);
  });

  it('breaks ties in remainders in favour of the earlier line', () => {
    // 0.02 over three equal lines: 0.00666.. each, all remainders equal: lines 1 and 2 get a cent
    expect(strings(allocateProportionally(dec('0.02'), [dec(1), dec(1), dec(1)], 2))).toEqual(['0.01', '0.01', '0.00']);
    // 1 yen over 5 and 5: 0.5 each, the first wins
    expect(strings(allocateProportionally(dec(1), [dec(5), dec(5)], 0), 0)).toEqual(['1', '0']);
  });

  it('compares remainders exactly, whatever the size of the share', () => {
    // 500 yen over 3264 / 996 / 120 (sum 4380): 500*996 = 113*4380 + 3060 and 500*120 = 13*4380 + 3060:
    // B and C tie on 3060/4380 exactly, A has 2640/4380; floors 372+113+13 = 498, the 2 yen go to B then C
    expect(strings(allocateProportionally(dec(500), [dec(3264), dec(996), dec(120)], 0), 0)).toEqual([
      '372',
      '114',
      '14',
    ]);
    // 499 yen: floors 371+113+13 = 497 (remainders 3756, 2064, 2940 /4380): 2 yen go to A then C
    expect(strings(allocateProportionally(dec(499), [dec(3264), dec(996), dec(120)], 0), 0)).toEqual([
      '372',
      '113',
      '14',
    ]);
  });

  it('gives nothing to a zero weight and all to a single line', () => {
    expect(strings(allocateProportionally(dec('1.00'), [dec(0), dec('3.00'), dec(0)], 2))).toEqual([
      '0.00',
      '1.00',
      '0.00',
    ]);
  });

  it('allocates 0 over zero weights, but refuses a non-zero total over them', () => {
    expect(strings(allocateProportionally(dec(0), [dec(0), dec(0)], 2))).toEqual(['0.00', '0.00']);
    expect(strings(allocateProportionally(dec(0), [], 2))).toEqual([]);
    expect(() => allocateProportionally(dec('0.01'), [dec(0), dec(0)], 2)).toThrow(RangeError);
    expect(() => allocateProportionally(dec('0.01'), [], 2)).toThrow(RangeError);
  });

  it('refuses a total that is not a whole number of minor units, or negative inputs', () => {
    expect(() => allocateProportionally(dec('1.005'), [dec(1)], 2)).toThrow(RangeError);
    expect(() => allocateProportionally(dec('-1'), [dec(1)], 2)).toThrow(RangeError);
    expect(() => allocateProportionally(dec('1'), [dec(1), dec(-1)], 2)).toThrow(RangeError);
  });

  it('property: shares sum to the total, each less than one minor unit from its exact share', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 4 }),
        (digits, totalUnits, rawWeights, weightScale) => {
          const weights = rawWeights.map((w) => dec(w.toString()).div(10 ** weightScale));
          const weightSum = sum(weights);
          const unit = minorUnit(digits);
          const total = weightSum.isZero() ? dec(0) : dec(totalUnits.toString()).times(unit);
          const shares = allocateProportionally(total, weights, digits);
          expect(sum(shares).eq(total)).toBe(true);
          shares.forEach((share, i) => {
            expect(share.decimalPlaces()).toBeLessThanOrEqual(digits);
            expect(share.isNeg()).toBe(false);
            if (weightSum.isZero()) return;
            const exact = total.times(weights[i]).div(weightSum);
            expect(share.minus(exact).abs().lt(unit)).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
