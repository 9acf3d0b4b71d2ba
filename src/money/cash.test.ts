import { amountDue, cashRounding, changeFor } from './cash';
import { dec } from './decimal';

describe('cashRounding', () => {
  it.each([
    // due, increment, rounded due, signed adjustment
    ['10.02', '0.05', '10.00', '-0.02'], // docs/money.md
    ['10.03', '0.05', '10.05', '0.02'], // docs/money.md
    ['10.025', '0.05', '10.05', '0.025'], // a half goes up
    ['10.00', '0.05', '10.00', '0.00'],
    ['10.07', '0.10', '10.10', '0.03'],
    ['10.04', '0.10', '10.00', '-0.04'],
    ['10.05', '0.10', '10.10', '0.05'],
    ['63.72', '0.05', '63.70', '-0.02'],
    ['63.72', '0', '63.72', '0.00'], // no cash rounding
  ])('%s at %s -> %s (%s)', (due, increment, rounded, adjustment) => {
    const r = cashRounding(dec(due), dec(increment));
    expect(r.roundedDue.toFixed(2)).toBe(rounded);
    expect(r.adjustment.toFixed(adjustment.split('.')[1].length)).toBe(adjustment);
    expect(r.roundedDue.eq(dec(due).plus(r.adjustment))).toBe(true);
  });

  it('refuses a negative increment', () => {
    expect(() => cashRounding(dec('1.00'), dec('-0.05'))).toThrow(RangeError);
  });
});

describe('changeFor', () => {
  it('docs/money.md Example 1: 100.00 received for 63.72 gives 36.28', () => {
    expect(changeFor(dec('100.00'), dec('63.72')).toFixed(2)).toBe('36.28');
  });

  it('exact money gives no change', () => {
    expect(changeFor(dec('63.72'), dec('63.72')).toFixed(2)).toBe('0.00');
  });

  it('refuses less received than applied as BAD_USER_INPUT on receivedAmount', () => {
    expect(() => changeFor(dec('63.71'), dec('63.72'))).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'receivedAmount' }),
      }),
    );
  });
});

describe('amountDue', () => {
  it('is totalAmount + roundingAdjustment - paidAmount', () => {
    expect(amountDue(dec('10.02'), dec('0'), dec('0')).toFixed(2)).toBe('10.02');
    expect(amountDue(dec('10.02'), dec('-0.02'), dec('0')).toFixed(2)).toBe('10.00');
    expect(amountDue(dec('10.03'), dec('0.02'), dec('5.00')).toFixed(2)).toBe('5.05');
    expect(amountDue(dec('10.03'), dec('0.02'), dec('10.05')).toFixed(2)).toBe('0.00');
  });

  it('a card part-payment then cash: only the remaining due is cash-rounded', () => {
    // total 10.03; card pays 5.00 (never rounded); cash settles 5.03 -> 5.05, adjustment +0.02
    const due = amountDue(dec('10.03'), dec(0), dec('5.00'));
    const { roundedDue, adjustment } = cashRounding(due, dec('0.05'));
    expect([roundedDue.toFixed(2), adjustment.toFixed(2)]).toEqual(['5.05', '0.02']);
    expect(amountDue(dec('10.03'), adjustment, dec('5.00').plus(roundedDue)).toFixed(2)).toBe('0.00');
  });
});
