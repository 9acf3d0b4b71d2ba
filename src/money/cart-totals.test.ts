import { RoundingMode } from '../entities/enums';
import { calculateCartTotals, CartLineInput, CartTotals, CartTotalsInput } from './cart-totals';
import { changeFor } from './cash';
import { dec } from './decimal';

const { HALF_UP, HALF_EVEN } = RoundingMode;

/** Every figure as the exact string the API would show at the currency's digits. */
function table(totals: CartTotals, digits: number) {
  const s = (x: { toFixed(d: number): string }) => x.toFixed(digits);
  return {
    lines: totals.lines.map((l) => ({
      gross: s(l.gross),
      itemDiscount: s(l.itemDiscount),
      cartDiscountShare: s(l.cartDiscountShare),
      discountAmount: s(l.discountAmount),
      base: s(l.base),
      taxAmount: s(l.taxAmount),
      lineTotal: s(l.lineTotal),
    })),
    sale: {
      subtotal: s(totals.sale.subtotal),
      discountAmount: s(totals.sale.discountAmount),
      taxAmount: s(totals.sale.taxAmount),
      totalAmount: s(totals.sale.totalAmount),
      cartDiscountAmount: s(totals.sale.cartDiscountAmount),
    },
  };
}

type Discount = CartLineInput['discount'];
const line = (unitPrice: string, quantity: number, taxRate: string, discount?: Discount): CartLineInput => ({
  unitPrice: dec(unitPrice),
  quantity,
  taxRate: dec(taxRate),
  discount,
});
const pct = (v: string) => ({ type: 'PERCENTAGE' as const, value: dec(v) });
const fixed = (v: string) => ({ type: 'FIXED_AMOUNT' as const, value: dec(v) });

const example1: CartTotalsInput = {
  lines: [line('19.99', 3, '0.0825', pct('10')), line('4.49', 2, '0.0825'), line('0.99', 1, '0')],
  cartDiscount: fixed('5.00'),
  pricesIncludeTax: false,
  currencyDigits: 2,
  roundingMode: HALF_UP,
};

describe('calculateCartTotals', () => {
  it('docs/money.md Example 1: prices exclude tax, USD', () => {
    const totals = calculateCartTotals(example1);
    expect(table(totals, 2)).toEqual({
      lines: [
        {
          gross: '59.97',
          itemDiscount: '6.00',
          cartDiscountShare: '4.22',
          discountAmount: '10.22',
          base: '49.75',
          taxAmount: '4.10',
          lineTotal: '53.85',
        },
        {
          gross: '8.98',
          itemDiscount: '0.00',
          cartDiscountShare: '0.70',
          discountAmount: '0.70',
          base: '8.28',
          taxAmount: '0.68',
          lineTotal: '8.96',
        },
        {
          gross: '0.99',
          itemDiscount: '0.00',
          cartDiscountShare: '0.08',
          discountAmount: '0.08',
          base: '0.91',
          taxAmount: '0.00',
          lineTotal: '0.91',
        },
      ],
      sale: {
        subtotal: '69.94',
        discountAmount: '11.00',
        taxAmount: '4.78',
        totalAmount: '63.72',
        cartDiscountAmount: '5.00',
      },
    });
    expect(changeFor(dec('100.00'), totals.sale.totalAmount).toFixed(2)).toBe('36.28');
  });

  it('docs/money.md Example 1 gives the same figures under HALF_EVEN (no figure lands on a half)', () => {
    expect(table(calculateCartTotals({ ...example1, roundingMode: HALF_EVEN }), 2)).toEqual(
      table(calculateCartTotals(example1), 2),
    );
  });

  it('docs/money.md Example 2: prices include tax, EUR', () => {
    const totals = calculateCartTotals({
      lines: [line('12.00', 2, '0.20'), line('7.50', 1, '0.10', fixed('1.50'))],
      cartDiscount: pct('10'),
      pricesIncludeTax: true,
      currencyDigits: 2,
      roundingMode: HALF_UP,
    });
    expect(table(totals, 2)).toEqual({
      lines: [
        {
          gross: '24.00',
          itemDiscount: '0.00',
          cartDiscountShare: '2.40',
          discountAmount: '2.40',
          base: '21.60',
          taxAmount: '3.60',
          lineTotal: '21.60',
        },
        {
          gross: '7.50',
          itemDiscount: '1.50',
          cartDiscountShare: '0.60',
          discountAmount: '2.10',
          base: '5.40',
          taxAmount: '0.49',
          lineTotal: '5.40',
        },
      ],
      sale: {
        subtotal: '31.50',
        discountAmount: '4.50',
        taxAmount: '4.09',
        totalAmount: '27.00',
        cartDiscountAmount: '3.00',
      },
    });
  });

  it('JPY (0 digits), prices include tax, percentage cart discount', () => {
    // A: 1280 x 3 = 3840, 15 % -> 576 (exact), net 3264, rate 0.10
    // B:  498 x 2 =  996, no item discount,      net  996, rate 0.08
    // C:  150 x 1 =  150, FIXED 30,               net  120, rate 0.10
    // sum(net) = 4380; D = 10 % = 438.
    // raw shares 438*3264/4380 = 326.4, 438*996/4380 = 99.6, 438*120/4380 = 12.0
    // floors 326 + 99 + 12 = 437; the 1 yen left goes to B (remainder .6): shares 326 / 100 / 12
    // bases 2938 / 896 / 108 (= line totals, tax included)
    // tax 2938*0.10/1.10 = 267.09 -> 267; 896*0.08/1.08 = 66.37 -> 66; 108*0.10/1.10 = 9.82 -> 10
    // sale: subtotal 4986, discount 576 + 30 + 438 = 1044, tax 343, total 3942 = 4986 - 1044
    const totals = calculateCartTotals({
      lines: [line('1280', 3, '0.10', pct('15')), line('498', 2, '0.08'), line('150', 1, '0.10', fixed('30'))],
      cartDiscount: pct('10'),
      pricesIncludeTax: true,
      currencyDigits: 0,
      roundingMode: HALF_UP,
    });
    expect(table(totals, 0)).toEqual({
      lines: [
        {
          gross: '3840',
          itemDiscount: '576',
          cartDiscountShare: '326',
          discountAmount: '902',
          base: '2938',
          taxAmount: '267',
          lineTotal: '2938',
        },
        {
          gross: '996',
          itemDiscount: '0',
          cartDiscountShare: '100',
          discountAmount: '100',
          base: '896',
          taxAmount: '66',
          lineTotal: '896',
        },
        {
          gross: '150',
          itemDiscount: '30',
          cartDiscountShare: '12',
          discountAmount: '42',
          base: '108',
          taxAmount: '10',
          lineTotal: '108',
        },
      ],
      sale: {
        subtotal: '4986',
        discountAmount: '1044',
        taxAmount: '343',
        totalAmount: '3942',
        cartDiscountAmount: '438',
      },
    });
    for (const l of totals.lines) expect(l.lineTotal.decimalPlaces()).toBe(0);
  });

  it('KWD (3 digits), prices exclude tax, 4-decimal unit prices, fixed cart discount', () => {
    // A: 2.3455 x 3 = 7.0365 -> 7.037 (HALF_UP); 12.5 % of 7.037 = 0.879625 -> 0.880; net 6.157; rate 0.05
    // B: 0.7505 x 7 = 5.2535 -> 5.254; no item discount; net 5.254; rate 0.0825
    // C: 12.000 x 1 = 12.000; FIXED 1.500; net 10.500; rate 0
    // sum(net) = 21.911; D = 2.000 = 2000 fils over 6157 / 5254 / 10500 fils:
    //   2000*6157  = 562*21911 + 18;  2000*5254 = 479*21911 + 12631;  2000*10500 = 958*21911 + 9262
    //   floors 562 + 479 + 958 = 1999; the last fil goes to B (largest remainder): 0.562 / 0.480 / 0.958
    // bases 5.595 / 4.774 / 9.542
    // tax 5.595*0.05 = 0.27975 -> 0.280; 4.774*0.0825 = 0.393855 -> 0.394; 0
    // line totals 5.875 / 5.168 / 9.542
    // sale: subtotal 24.291, discount 0.880 + 1.500 + 2.000 = 4.380, tax 0.674, total 24.291 - 4.380 + 0.674 = 20.585
    const totals = calculateCartTotals({
      lines: [
        line('2.3455', 3, '0.05', pct('12.5')),
        line('0.7505', 7, '0.0825'),
        line('12.000', 1, '0', fixed('1.500')),
      ],
      cartDiscount: fixed('2.000'),
      pricesIncludeTax: false,
      currencyDigits: 3,
      roundingMode: HALF_UP,
    });
    expect(table(totals, 3)).toEqual({
      lines: [
        {
          gross: '7.037',
          itemDiscount: '0.880',
          cartDiscountShare: '0.562',
          discountAmount: '1.442',
          base: '5.595',
          taxAmount: '0.280',
          lineTotal: '5.875',
        },
        {
          gross: '5.254',
          itemDiscount: '0.000',
          cartDiscountShare: '0.480',
          discountAmount: '0.480',
          base: '4.774',
          taxAmount: '0.394',
          lineTotal: '5.168',
        },
        {
          gross: '12.000',
          itemDiscount: '1.500',
          cartDiscountShare: '0.958',
          discountAmount: '2.458',
          base: '9.542',
          taxAmount: '0.000',
          lineTotal: '9.542',
        },
      ],
      sale: {
        subtotal: '24.291',
        discountAmount: '4.380',
        taxAmount: '0.674',
        totalAmount: '20.585',
        cartDiscountAmount: '2.000',
      },
    });
  });

  it('HALF_EVEN and HALF_UP differ on a gross and a tax that land on a half', () => {
    // A: 0.0625 x 2 = 0.125 -> HALF_UP 0.13, HALF_EVEN 0.12; tax 10 %: 0.013 / 0.012 -> 0.01 either way
    // B: 2.50 x 1, tax 5 %: 0.125 -> HALF_UP 0.13, HALF_EVEN 0.12
    const input = (roundingMode: RoundingMode): CartTotalsInput => ({
      lines: [line('0.0625', 2, '0.10'), line('2.50', 1, '0.05')],
      pricesIncludeTax: false,
      currencyDigits: 2,
      roundingMode,
    });
    const up = table(calculateCartTotals(input(HALF_UP)), 2);
    const even = table(calculateCartTotals(input(HALF_EVEN)), 2);
    expect(up.lines.map((l) => [l.gross, l.taxAmount, l.lineTotal])).toEqual([
      ['0.13', '0.01', '0.14'],
      ['2.50', '0.13', '2.63'],
    ]);
    expect(even.lines.map((l) => [l.gross, l.taxAmount, l.lineTotal])).toEqual([
      ['0.12', '0.01', '0.13'],
      ['2.50', '0.12', '2.62'],
    ]);
    expect([up.sale.subtotal, up.sale.taxAmount, up.sale.totalAmount]).toEqual(['2.63', '0.14', '2.77']);
    expect([even.sale.subtotal, even.sale.taxAmount, even.sale.totalAmount]).toEqual(['2.62', '0.13', '2.75']);
  });

  it('rounds a percentage discount in the tenant mode', () => {
    // 12.5 % of 1.00 = 0.125: HALF_UP 0.13, HALF_EVEN 0.12
    const input = (roundingMode: RoundingMode): CartTotalsInput => ({
      lines: [line('1.00', 1, '0', pct('12.5'))],
      pricesIncludeTax: false,
      currencyDigits: 2,
      roundingMode,
    });
    expect(calculateCartTotals(input(HALF_UP)).sale.discountAmount.toFixed(2)).toBe('0.13');
    expect(calculateCartTotals(input(HALF_EVEN)).sale.discountAmount.toFixed(2)).toBe('0.12');
  });

  it('an empty cart totals zero', () => {
    const totals = calculateCartTotals({
      lines: [],
      pricesIncludeTax: false,
      currencyDigits: 2,
      roundingMode: HALF_UP,
    });
    expect(table(totals, 2)).toEqual({
      lines: [],
      sale: {
        subtotal: '0.00',
        discountAmount: '0.00',
        taxAmount: '0.00',
        totalAmount: '0.00',
        cartDiscountAmount: '0.00',
      },
    });
  });

  it('100 % off a line leaves nothing for the cart discount to take from it', () => {
    const totals = calculateCartTotals({
      lines: [line('5.00', 1, '0.10', pct('100')), line('5.00', 1, '0.10')],
      cartDiscount: fixed('1.00'),
      pricesIncludeTax: false,
      currencyDigits: 2,
      roundingMode: HALF_UP,
    });
    expect(table(totals, 2).lines.map((l) => [l.cartDiscountShare, l.base, l.taxAmount, l.lineTotal])).toEqual([
      ['0.00', '0.00', '0.00', '0.00'],
      ['1.00', '4.00', '0.40', '4.40'],
    ]);
  });

  it('treats a discount of 0 as no discount', () => {
    const totals = calculateCartTotals({
      lines: [line('5.00', 1, '0', fixed('0'))],
      cartDiscount: pct('0'),
      pricesIncludeTax: false,
      currencyDigits: 2,
      roundingMode: HALF_UP,
    });
    expect(totals.sale.discountAmount.toFixed(2)).toBe('0.00');
    expect(totals.sale.totalAmount.toFixed(2)).toBe('5.00');
  });

  it('a cart fully discounted by items takes a percentage cart discount (0) but not a fixed one', () => {
    const base = {
      lines: [line('5.00', 1, '0', pct('100'))],
      pricesIncludeTax: false,
      currencyDigits: 2,
      roundingMode: HALF_UP,
    };
    expect(calculateCartTotals({ ...base, cartDiscount: pct('50') }).sale.cartDiscountAmount.toFixed(2)).toBe('0.00');
    expect(() => calculateCartTotals({ ...base, cartDiscount: fixed('0.01') })).toThrow(badUserInput('value'));
  });

  describe('rejects as BAD_USER_INPUT', () => {
    const cart = (lines: CartLineInput[], cartDiscount?: CartTotalsInput['cartDiscount']) => () =>
      calculateCartTotals({ lines, cartDiscount, pricesIncludeTax: false, currencyDigits: 2, roundingMode: HALF_UP });

    it.each([
      ['a percentage above 100', pct('100.01')],
      ['a negative percentage', pct('-5')],
      ['a negative fixed amount', fixed('-1.00')],
      ['a fixed amount above the gross', fixed('10.01')],
      ['a fixed amount finer than the minor unit', fixed('1.005')],
    ])('an item discount: %s', (_, discount) => {
      expect(cart([line('5.00', 2, '0', discount)])).toThrow(badUserInput('value'));
    });

    it('an item discount equal to the gross is accepted', () => {
      expect(cart([line('5.00', 2, '0', fixed('10.00'))])().sale.totalAmount.toFixed(2)).toBe('0.00');
    });

    it.each([
      ['a percentage above 100', pct('101')],
      ['a negative percentage', pct('-0.5')],
      ['a fixed amount above the net total', fixed('9.01')],
      ['a fixed amount finer than the minor unit', fixed('0.001')],
    ])('a cart discount: %s', (_, discount) => {
      // net total 10.00 - 1.00 = 9.00
      expect(cart([line('5.00', 2, '0', fixed('1.00'))], discount)).toThrow(badUserInput('value'));
    });

    it('a cart discount equal to the net total is accepted', () => {
      expect(cart([line('5.00', 2, '0', fixed('1.00'))], fixed('9.00'))().sale.totalAmount.toFixed(2)).toBe('0.00');
    });

    it('an unknown discount type', () => {
      expect(cart([line('5.00', 1, '0', { type: 'BOGO' as 'PERCENTAGE', value: dec(1) })])).toThrow(
        badUserInput('type'),
      );
    });

    it.each([0, -1, 1.5])('quantity %p', (quantity) => {
      expect(cart([line('5.00', quantity, '0')])).toThrow(badUserInput('quantity'));
    });

    it('a negative unit price or tax rate', () => {
      expect(cart([line('-5.00', 1, '0')])).toThrow(badUserInput('unitPrice'));
      expect(cart([line('5.00', 1, '-0.1')])).toThrow(badUserInput('taxRate'));
    });
  });
});

function badUserInput(field: string) {
  return expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
}
