import fc from 'fast-check';
import { RoundingMode } from '../entities/enums';
import { dec, sum } from './decimal';
import { refundAmountForUnits } from './refunds';

const { HALF_UP, HALF_EVEN } = RoundingMode;

describe('refundAmountForUnits', () => {
  it('docs/money.md: 10.00 over 3 units, one at a time: 3.33, 3.34, 3.33', () => {
    const T = dec('10.00');
    expect([0, 1, 2].map((r) => refundAmountForUnits(T, 3, r, 1, 2, HALF_UP).toFixed(2))).toEqual([
      '3.33',
      '3.34',
      '3.33',
    ]);
  });

  it('several units at once: 2 of 3 first is 6.67, then 3.33', () => {
    // round(10*2/3) - round(0) = 6.67; round(10*3/3) - round(10*2/3) = 10.00 - 6.67 = 3.33
    expect(refundAmountForUnits(dec('10.00'), 3, 0, 2, 2, HALF_UP).toFixed(2)).toBe('6.67');
    expect(refundAmountForUnits(dec('10.00'), 3, 2, 1, 2, HALF_UP).toFixed(2)).toBe('3.33');
  });

  it('all units at once is the line total', () => {
    expect(refundAmountForUnits(dec('53.85'), 3, 0, 3, 2, HALF_UP).toFixed(2)).toBe('53.85');
  });

  it('rounds in the tenant mode', () => {
    // 0.25 over 2 units: 0.125 -> HALF_UP 0.13 then 0.12; HALF_EVEN 0.12 then 0.13
    expect([0, 1].map((r) => refundAmountForUnits(dec('0.25'), 2, r, 1, 2, HALF_UP).toFixed(2))).toEqual([
      '0.13',
      '0.12',
    ]);
    expect([0, 1].map((r) => refundAmountForUnits(dec('0.25'), 2, r, 1, 2, HALF_EVEN).toFixed(2))).toEqual([
      '0.12',
      '0.13',
    ]);
  });

  it('JPY: 1000 yen over 3 units: 333, 334, 333', () => {
    expect([0, 1, 2].map((r) => refundAmountForUnits(dec(1000), 3, r, 1, 0, HALF_UP).toFixed(0))).toEqual([
      '333',
      '334',
      '333',
    ]);
  });

  it('refuses refunding past the units sold (REFUND_EXCEEDS_SALE) and fewer than 1 unit (BAD_USER_INPUT)', () => {
    expect(() => refundAmountForUnits(dec('10.00'), 3, 2, 2, 2, HALF_UP)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'REFUND_EXCEEDS_SALE' }) }),
    );
    expect(() => refundAmountForUnits(dec('10.00'), 3, 0, 0, 2, HALF_UP)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'quantity' }) }),
    );
    expect(() => refundAmountForUnits(dec('10.00'), 0, 0, 1, 2, HALF_UP)).toThrow(RangeError);
    expect(() => refundAmountForUnits(dec('10.00'), 3, -1, 1, 2, HALF_UP)).toThrow(RangeError);
  });

  it('property: any split of a line into refunds sums to its line total', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3),
        fc.constantFrom(HALF_UP, HALF_EVEN),
        fc.bigInt({ min: 0n, max: 10n ** 11n }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (digits, mode, totalUnits, batches) => {
          const T = dec(totalUnits.toString()).div(10 ** digits);
          const n = batches.reduce((a, b) => a + b, 0);
          let r = 0;
          const amounts = batches.map((k) => {
            const amount = refundAmountForUnits(T, n, r, k, digits, mode);
            r += k;
            return amount;
          });
          expect(sum(amounts).eq(T)).toBe(true);
          for (const a of amounts) {
            expect(a.isNeg()).toBe(false);
            expect(a.decimalPlaces()).toBeLessThanOrEqual(digits);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
