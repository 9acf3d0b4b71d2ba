import { RoundingMode } from '../entities/enums';
import { DomainError } from '../errors';
import { dec } from './decimal';
import { capToRefundable, refundedUnits, refundLinesFor } from './refund-amounts';

const sold = [
  { id: 'a', quantity: 3, lineTotal: dec('53.85') },
  { id: 'b', quantity: 3, lineTotal: dec('10.00') },
];
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).extensions.code;
  }
  return undefined;
};

describe('refund amounts (docs/money.md, Refunds)', () => {
  it('one unit of Example 1 line A is 17.95; 10.00 over 3 goes 3.33, 3.34, 3.33', () => {
    expect(
      refundLinesFor(sold, new Map(), [{ saleItemId: 'a', quantity: 1 }], 2, RoundingMode.HALF_UP).amount.toFixed(2),
    ).toBe('17.95');
    const amounts = [0, 1, 2].map((r) =>
      refundLinesFor(
        sold,
        new Map([['b', r]]),
        [{ saleItemId: 'b', quantity: 1 }],
        2,
        RoundingMode.HALF_UP,
      ).amount.toFixed(2),
    );
    expect(amounts).toEqual(['3.33', '3.34', '3.33']);
  });

  it('counts earlier refunds per line and refuses more units than are left, unknown or repeated lines', () => {
    const earlier = refundedUnits([{ items: [{ saleItemId: 'b', quantity: 2, amount: '6.67', returnToStock: true }] }]);
    expect(earlier.get('b')).toBe(2);
    expect(
      codeOf(() => refundLinesFor(sold, earlier, [{ saleItemId: 'b', quantity: 2 }], 2, RoundingMode.HALF_UP)),
    ).toBe('REFUND_EXCEEDS_SALE');
    expect(
      codeOf(() => refundLinesFor(sold, earlier, [{ saleItemId: 'z', quantity: 1 }], 2, RoundingMode.HALF_UP)),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(() =>
        refundLinesFor(
          sold,
          earlier,
          [
            { saleItemId: 'a', quantity: 1 },
            { saleItemId: 'a', quantity: 1 },
          ],
          2,
          RoundingMode.HALF_UP,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('caps at what is left of the money paid; only a downward cash rounding gap is absorbed', () => {
    const lines = [{ saleItemId: 'x', quantity: 1, amount: '10.02', returnToStock: true }];
    const capped = capToRefundable(dec('10.02'), dec('10.00'), lines, dec('-0.02'));
    expect([capped.amount.toFixed(2), capped.lines[0].amount]).toEqual(['10.00', '10']);
    expect(codeOf(() => capToRefundable(dec('10.03'), dec('10.00'), lines, dec('-0.02')))).toBe('REFUND_EXCEEDS_SALE');
    expect(codeOf(() => capToRefundable(dec('1.00'), dec('0.50'), [], dec('-0.02')))).toBe('REFUND_EXCEEDS_SALE');
    expect(codeOf(() => capToRefundable(dec('1.00'), dec(0), lines, dec(0)))).toBe('REFUND_EXCEEDS_SALE');
  });
});
