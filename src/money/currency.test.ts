import { minorUnitDigits } from './currency';

describe('minorUnitDigits', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['usd', 2],
  ])('%s has %i minor unit digits', (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
    expect(minorUnitDigits(currency)).toBe(digits); // second call is served from the cache
  });

  it('rejects a malformed currency code as BAD_USER_INPUT', () => {
    expect(() => minorUnitDigits('DOLLARS')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'currency' }) }),
    );
  });
});
