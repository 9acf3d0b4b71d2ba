import fc from 'fast-check';
import { dec, ZERO } from '../../src/money/decimal';
import { cashAmount, movementTotals, NO_SALES, parseCashCount, sessionFigures } from '../../src/money/session-figures';

const OPENING = { balance: 'openingBalance', count: 'openingCount' };

describe('sessionFigures (docs/money.md, Cash sessions)', () => {
  it('gives Example 6: opening 200.00, cash sale 63.72, pay-out 20.00, cash refund 17.95, counted 225.75', () => {
    const sales = {
      ...NO_SALES,
      salesCount: 1,
      cashSales: dec('63.72'),
      cashRefunds: dec('17.95'),
      refunds: dec('17.95'),
    };
    const movements = movementTotals([{ type: 'PAY_OUT', amount: dec('20.00') }]);
    const z = sessionFigures(dec('200.00'), sales, movements, dec('225.75'));
    expect(z.expectedCash.toFixed(2)).toBe('225.77');
    expect(z.variance!.toFixed(2)).toBe('-0.02');
    const x = sessionFigures(dec('200.00'), sales, movements);
    expect([x.expectedCash.toFixed(2), x.countedCash, x.variance]).toEqual(['225.77', null, null]);
  });

  it('reconciles for any movements: expected = opening + ins - outs, variance = counted - expected', () => {
    const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => dec(c).div(100));
    fc.assert(
      fc.property(
        cents,
        fc.array(fc.tuple(fc.boolean(), cents), { maxLength: 20 }),
        cents,
        (opening, moves, counted) => {
          const list = moves.map(([isIn, amount]) => ({
            type: isIn ? ('PAY_IN' as const) : ('PAY_OUT' as const),
            amount,
          }));
          const f = sessionFigures(opening, NO_SALES, movementTotals(list), counted);
          const net = list.reduce((acc, m) => (m.type === 'PAY_IN' ? acc.plus(m.amount) : acc.minus(m.amount)), ZERO);
          expect(f.expectedCash.eq(opening.plus(net))).toBe(true);
          expect(f.variance!.plus(f.expectedCash).eq(counted)).toBe(true);
          expect(f.cashIn.minus(f.cashOut).eq(net)).toBe(true);
        },
      ),
    );
  });
});

describe('parseCashCount', () => {
  it('sums denominations x pieces and normalizes keys', () => {
    const { count, total } = parseCashCount({ '100': 1, '0.25': 4, '100.00': 1, '0.01': 0 }, 'closingCount');
    expect(total.toFixed(2)).toBe('201.00');
    expect(count).toEqual({ '100': 2, '0.25': 4, '0.01': 0 });
  });

  it.each([
    ['a non-numeric denomination', { ten: 1 }],
    ['a negative denomination', { '-5': 1 }],
    ['a zero denomination', { '0.00': 1 }],
    ['more than 4 decimals', { '0.00001': 1 }],
    ['a negative count', { '5': -1 }],
    ['a fractional count', { '5': 0.5 }],
    ['a string count', { '5': '1' }],
    ['a huge count', { '5': 10_000_001 }],
    ['an array', [1]],
    ['a string', '100'],
    ['null', null],
  ])('refuses %s naming the field', (_label, value) => {
    expect(() => parseCashCount(value, 'closingCount')).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'closingCount' }),
      }),
    );
  });
});

describe('cashAmount', () => {
  it('takes the balance, the count, or both when they agree', () => {
    expect(cashAmount(OPENING, 2, dec('12.50'), undefined)).toEqual({ amount: dec('12.50'), count: null });
    expect(cashAmount(OPENING, 2, null, { '10': 1, '2.5': 1 }).amount.toFixed(2)).toBe('12.50');
    expect(cashAmount(OPENING, 2, dec('12.5'), { '10': 1, '2.5': 1 }).count).toEqual({ '10': 1, '2.5': 1 });
  });

  it.each([
    ['nothing', null, undefined, 'openingBalance'],
    ['a negative balance', dec('-1'), undefined, 'openingBalance'],
    ['a disagreeing count', dec('12'), { '10': 1 }, 'openingBalance'],
    ['fractions of the minor unit in the balance', dec('1.005'), undefined, 'openingBalance'],
    ['fractions of the minor unit in the count', null, { '0.005': 1 }, 'openingCount'],
  ])('refuses %s', (_label, balance, count, field) => {
    expect(() => cashAmount(OPENING, 2, balance, count)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field }) }),
    );
  });

  it('knows currencies without a minor unit', () => {
    expect(() => cashAmount(OPENING, 0, dec('100.50'), undefined)).toThrow();
    expect(cashAmount(OPENING, 0, dec('100'), undefined).amount.toFixed()).toBe('100');
  });
});
