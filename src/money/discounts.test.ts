import { RoundingMode } from '../entities/enums';
import { dec } from './decimal';
import { cartDiscountAmount, discountPercentOf, itemDiscountAmount } from './discounts';

const { HALF_UP } = RoundingMode;

describe('itemDiscountAmount / cartDiscountAmount', () => {
  it('docs/money.md Example 1: 10 % of 59.97 is 6.00', () => {
    expect(itemDiscountAmount(dec('59.97'), { type: 'PERCENTAGE', value: dec(10) }, 2, HALF_UP).toFixed(2)).toBe(
      '6.00',
    );
  });

  it('docs/money.md Example 2: 10 % of a 30.00 cart is 3.00; FIXED 1.50 is 1.50', () => {
    expect(cartDiscountAmount(dec('30.00'), { type: 'PERCENTAGE', value: dec(10) }, 2, HALF_UP).toFixed(2)).toBe(
      '3.00',
    );
    expect(itemDiscountAmount(dec('7.50'), { type: 'FIXED_AMOUNT', value: dec('1.50') }, 2, HALF_UP).toFixed(2)).toBe(
      '1.50',
    );
  });

  it('no discount and a discount of 0 take nothing off', () => {
    expect(itemDiscountAmount(dec('7.50'), undefined, 2, HALF_UP).toFixed(2)).toBe('0.00');
    expect(itemDiscountAmount(dec('7.50'), null, 2, HALF_UP).toFixed(2)).toBe('0.00');
    expect(cartDiscountAmount(dec('7.50'), { type: 'FIXED_AMOUNT', value: dec(0) }, 2, HALF_UP).toFixed(2)).toBe(
      '0.00',
    );
  });

  it('a percentage may carry 4 decimals', () => {
    // 33.3333 % of 30.00 = 9.99999 -> 10.00
    expect(cartDiscountAmount(dec('30.00'), { type: 'PERCENTAGE', value: dec('33.3333') }, 2, HALF_UP).toFixed(2)).toBe(
      '10.00',
    );
  });

  it('a fixed amount may carry trailing zeros beyond the minor unit', () => {
    // numeric(15,4) hands back 1.5000: still a whole number of cents
    expect(itemDiscountAmount(dec('7.50'), { type: 'FIXED_AMOUNT', value: dec('1.5000') }, 2, HALF_UP).toFixed(2)).toBe(
      '1.50',
    );
  });
});

describe('discountPercentOf', () => {
  it.each([
    ['6.00', '59.97', '10.005002501250625313'],
    ['1.50', '7.50', '20'],
    ['3.00', '30.00', '10'],
    ['0', '0', '0'],
    ['10.00', '10.00', '100'],
  ])('%s of %s is %s %%', (amount, base, percent) => {
    expect(discountPercentOf(dec(amount), dec(base)).toSignificantDigits(20).toString()).toBe(percent);
  });

  it('compares exactly against a threshold', () => {
    // 10.005 % is above a 10 % threshold although it shows as "10.01" or "10" when rounded
    expect(discountPercentOf(dec('6.00'), dec('59.97')).gt(10)).toBe(true);
    expect(discountPercentOf(dec('3.00'), dec('30.00')).gt(10)).toBe(false);
  });

  it('cannot measure an amount against nothing', () => {
    expect(() => discountPercentOf(dec('0.01'), dec(0))).toThrow(RangeError);
  });
});
