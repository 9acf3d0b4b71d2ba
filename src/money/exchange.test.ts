import { RoundingMode } from '../entities/enums';
import { calculateCartTotals } from './cart-totals';
import { dec, sum } from './decimal';
import { exchangeBalance, linkedReturnAmounts } from './exchange';

const { HALF_UP } = RoundingMode;
const CASH = { cash: true, cashRoundingIncrement: dec('0.05') };
const CARD = { cash: false, cashRoundingIncrement: dec('0.05') };

/** One line's totals as the cart calculator charges it. */
const charged = (price: string, quantity: number, rate: string, pricesIncludeTax = false) => {
  const [line] = calculateCartTotals({
    lines: [{ unitPrice: dec(price), quantity, taxRate: dec(rate) }],
    pricesIncludeTax,
    currencyDigits: 2,
    roundingMode: HALF_UP,
  }).lines;
  return { quantity, lineTotal: line.lineTotal, taxAmount: line.taxAmount, discountAmount: line.discountAmount };
};

describe('linkedReturnAmounts', () => {
  it('a line returned one unit at a time gives back its total, tax and discount exactly', () => {
    const line = { quantity: 3, lineTotal: dec('10.00'), taxAmount: dec('0.74'), discountAmount: dec('1.00') };
    const parts = [0, 1, 2].map((r) => linkedReturnAmounts(line, r, 1, 2, HALF_UP));
    expect(parts.map((p) => p.amount.toFixed(2))).toEqual(['3.33', '3.34', '3.33']);
    expect(parts.map((p) => p.taxAmount.toFixed(2))).toEqual(['0.25', '0.24', '0.25']);
    expect(sum(parts.map((p) => p.taxAmount)).toFixed(2)).toBe('0.74');
    expect(sum(parts.map((p) => p.discountAmount)).toFixed(2)).toBe('1.00');
  });

  it('past the units sold is REFUND_EXCEEDS_SALE', () => {
    const line = { quantity: 1, lineTotal: dec('10.80'), taxAmount: dec('0.80'), discountAmount: dec(0) };
    expect(() => linkedReturnAmounts(line, 1, 1, 2, HALF_UP)).toThrow(
      expect.objectContaining({ code: 'REFUND_EXCEEDS_SALE' }),
    );
  });
});

describe('exchangeBalance (docs/returns.md worked examples)', () => {
  // Returned: a 10.00 cap at 8 %, prices excluding tax: 10.00 + 0.80 = 10.80 back.
  const returned = linkedReturnAmounts(charged('10.00', 1, '0.08'), 0, 1, 2, HALF_UP);

  it('the return gives back 10.80 of which 0.80 is tax', () => {
    expect([returned.amount.toFixed(2), returned.taxAmount.toFixed(2)]).toEqual(['10.80', '0.80']);
  });

  it('a dearer new item: 26.99 - 10.80 = 16.19 net; cash rounds the net to 16.20 (+0.01), a card pays 16.19', () => {
    const jacket = charged('24.99', 1, '0.08'); // 24.99 + round(1.9992) = 26.99
    expect(jacket.lineTotal.toFixed(2)).toBe('26.99');
    const cash = exchangeBalance(jacket.lineTotal, returned.amount, CASH);
    expect([cash.net, cash.settled, cash.roundingAdjustment].map((x) => x.toFixed(2))).toEqual([
      '16.19',
      '16.20',
      '0.01',
    ]);
    const card = exchangeBalance(jacket.lineTotal, returned.amount, CARD);
    expect([card.settled, card.roundingAdjustment].map((x) => x.toFixed(2))).toEqual(['16.19', '0.00']);
  });

  it('a cheaper new item: 5.39 - 10.80 = -5.41; the drawer pays out 5.40 (rounding +0.01)', () => {
    const socks = charged('4.99', 1, '0.08'); // 4.99 + round(0.3992) = 5.39
    const cash = exchangeBalance(socks.lineTotal, returned.amount, CASH);
    expect([cash.net, cash.settled, cash.roundingAdjustment].map((x) => x.toFixed(2))).toEqual([
      '-5.41',
      '-5.40',
      '0.01',
    ]);
  });

  it('prices including tax (20 %): 30.00 for 24.00 back nets 6.00, the tax 5.00 - 4.00', () => {
    const back = linkedReturnAmounts(charged('24.00', 1, '0.20', true), 0, 1, 2, HALF_UP);
    const shirt = charged('30.00', 1, '0.20', true);
    expect([back.taxAmount.toFixed(2), shirt.taxAmount.toFixed(2)]).toEqual(['4.00', '5.00']);
    expect(exchangeBalance(shirt.lineTotal, back.amount, CASH).settled.toFixed(2)).toBe('6.00');
  });
});
