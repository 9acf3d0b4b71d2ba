import Decimal from 'decimal.js';
import fc from 'fast-check';
import { RoundingMode } from '../entities/enums';
import { calculateCartTotals, CartLineInput, CartTotalsInput } from './cart-totals';
import { dec, sum, ZERO } from './decimal';
import { Discount } from './discounts';

const RATES = ['0', '0.05', '0.0825', '0.1', '0.2', '0.25'];

/**
 * A discount drawn as a fraction of the amount it applies to, so a FIXED one
 * is always valid: floor(fraction * bound) to the minor unit (0 -> none).
 */
const discountDraw = fc.option(
  fc.record({
    type: fc.constantFrom<Discount['type']>('PERCENTAGE', 'FIXED_AMOUNT'),
    // 1..1_000_000 ten-thousandths: a percent 0.0001..100, or a fraction of the bound
    tenThousandths: fc.integer({ min: 1, max: 1_000_000 }),
  }),
  { nil: undefined },
);
type DiscountDraw = { type: Discount['type']; tenThousandths: number } | undefined;

function toDiscount(draw: DiscountDraw, bound: Decimal, digits: number): Discount | undefined {
  if (!draw) return undefined;
  const n = dec(draw.tenThousandths).div(10_000);
  if (draw.type === 'PERCENTAGE') return { type: 'PERCENTAGE', value: n };
  const value = bound.times(n).div(100).toDecimalPlaces(digits, Decimal.ROUND_DOWN);
  return value.isZero() ? undefined : { type: 'FIXED_AMOUNT', value };
}

const cartDraw = fc.record({
  digits: fc.constantFrom(0, 2, 3),
  mode: fc.constantFrom(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN),
  pricesIncludeTax: fc.boolean(),
  lines: fc.array(
    fc.record({
      priceTenThousandths: fc.integer({ min: 100, max: 99_999_999 }), // 0.01 .. 9999.9999
      quantity: fc.integer({ min: 1, max: 1000 }),
      rate: fc.constantFrom(...RATES),
      discount: discountDraw,
    }),
    { minLength: 1, maxLength: 30 },
  ),
  cartDiscount: discountDraw,
});

describe('calculateCartTotals (property)', () => {
  it('reconciles to the minor unit for any valid cart', () => {
    fc.assert(
      fc.property(cartDraw, (draw) => {
        const { digits } = draw;
        const lines: CartLineInput[] = draw.lines.map((l) => {
          const unitPrice = dec(l.priceTenThousandths).div(10_000);
          // floor(price * qty) <= round(price * qty) = gross in either mode, so a FIXED bound by it is valid
          const grossFloor = unitPrice.times(l.quantity).toDecimalPlaces(digits, Decimal.ROUND_DOWN);
          return {
            unitPrice,
            quantity: l.quantity,
            taxRate: dec(l.rate),
            discount: toDiscount(l.discount, grossFloor, digits),
          };
        });
        const base: CartTotalsInput = {
          lines,
          pricesIncludeTax: draw.pricesIncludeTax,
          currencyDigits: digits,
          roundingMode: draw.mode,
        };
        const before = calculateCartTotals(base).sale;
        const netTotal = before.subtotal.minus(before.discountAmount);
        const input = { ...base, cartDiscount: toDiscount(draw.cartDiscount, netTotal, digits) };

        const { lines: out, sale } = calculateCartTotals(input);

        expect(out).toHaveLength(lines.length);
        expect(sum(out.map((l) => l.cartDiscountShare)).eq(sale.cartDiscountAmount)).toBe(true);
        expect(sale.totalAmount.eq(sum(out.map((l) => l.lineTotal)))).toBe(true);
        expect(sale.subtotal.eq(sum(out.map((l) => l.gross)))).toBe(true);
        expect(sale.taxAmount.eq(sum(out.map((l) => l.taxAmount)))).toBe(true);
        expect(sum(out.map((l) => l.discountAmount)).eq(sale.discountAmount)).toBe(true);
        const afterDiscount = sale.subtotal.minus(sale.discountAmount);
        const expectedTotal = draw.pricesIncludeTax ? afterDiscount : afterDiscount.plus(sale.taxAmount);
        expect(sale.totalAmount.eq(expectedTotal)).toBe(true);
        // the cart discount does not change the item discounts nor the gross
        expect(sale.subtotal.eq(before.subtotal)).toBe(true);
        expect(sale.discountAmount.minus(sale.cartDiscountAmount).eq(before.discountAmount)).toBe(true);

        out.forEach((l, i) => {
          expect(l.discountAmount.eq(l.itemDiscount.plus(l.cartDiscountShare))).toBe(true);
          expect(l.base.eq(l.gross.minus(l.discountAmount))).toBe(true);
          // tax never exceeds its base (rates are below 100 %)
          expect(l.taxAmount.lte(l.base)).toBe(true);
          if (draw.pricesIncludeTax) expect(l.lineTotal.eq(l.base)).toBe(true);
          else expect(l.lineTotal.eq(l.base.plus(l.taxAmount))).toBe(true);
          if (lines[i].taxRate.isZero()) expect(l.taxAmount.isZero()).toBe(true);
        });

        const figures = [...out.flatMap((l) => Object.values(l) as Decimal[]), ...(Object.values(sale) as Decimal[])];
        for (const x of figures) {
          expect(x.lt(ZERO)).toBe(false);
          expect(x.decimalPlaces()).toBeLessThanOrEqual(digits);
        }
      }),
      { numRuns: 500 },
    );
  });
});
