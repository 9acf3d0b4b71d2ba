import { RoundingMode } from '../entities/enums';
import { DiscountType } from '../entities/sale-enums';
import { SaleItem } from '../entities/sale-item.entity';
import { Sale } from '../entities/sale.entity';
import { dec } from './decimal';
import { applyCartTotals, totalsSettings } from './sale-totals';

/*
 * The mapping from stored lines to the calculator and back (the arithmetic
 * itself, with its fast-check properties, is tested in src/money).
 * Currencies with 0 and 3 decimals.
 */

function line(
  lineNo: number,
  unitPrice: string,
  quantity: number,
  taxRate: string,
  discount?: [DiscountType, string],
): SaleItem {
  return Object.assign(new SaleItem(), {
    lineNo,
    unitPrice: dec(unitPrice),
    quantity,
    taxRate: dec(taxRate),
    discountType: discount?.[0] ?? null,
    discountValue: discount ? dec(discount[1]) : null,
  });
}

const strings = (sale: Sale, items: SaleItem[]) => ({
  sale: [sale.subtotal, sale.discountAmount, sale.taxAmount, sale.totalAmount].map((d) => d.toFixed()),
  lines: items.map((i) => [i.discountAmount, i.taxAmount, i.lineTotal].map((d) => d.toFixed())),
});

it('JPY (0 decimals), prices exclude tax: every figure is whole yen', () => {
  const sale = Object.assign(new Sale(), { discountType: DiscountType.FIXED_AMOUNT, discountValue: dec('100') });
  // gross 1500 (10 % item discount -> 150, net 1350) and 333; D = 100 over 1350 / 333:
  // raw 80.21 / 19.79 -> floors 80 + 19 = 99, the last yen to line 2 (remainder .79 > .21)
  const items = [line(1, '500', 3, '0.10', [DiscountType.PERCENTAGE, '10']), line(2, '333', 1, '0.08')];
  applyCartTotals(
    sale,
    items,
    totalsSettings({ currency: 'JPY', pricesIncludeTax: false, roundingMode: RoundingMode.HALF_UP }),
  );
  expect(strings(sale, items)).toEqual({
    sale: ['1833', '250', '152', '1735'],
    lines: [
      ['230', '127', '1397'], // base 1270, tax 127
      ['20', '25', '338'], // base 313, tax 25.04 -> 25
    ],
  });
});

it('KWD (3 decimals), prices include tax, half-even', () => {
  const sale = Object.assign(new Sale(), { discountType: DiscountType.PERCENTAGE, discountValue: dec('5') });
  const items = [line(1, '1.2345', 2, '0.05'), line(2, '0.750', 1, '0')];
  applyCartTotals(
    sale,
    items,
    totalsSettings({ currency: 'KWD', pricesIncludeTax: true, roundingMode: RoundingMode.HALF_EVEN }),
  );
  // gross 2.469 (2.4690 exactly) and 0.750; D = 5 % of 3.219 = 0.16095 -> 0.161
  // shares over 2.469 / 0.750: raw 0.12345 / 0.03751 -> floors 0.123 + 0.037 = 0.160, last fils to line 2 (.51 > .45)
  // line 1 base 2.346, tax 2.346 * 0.05 / 1.05 = 0.111714 -> 0.112
  expect(strings(sale, items)).toEqual({
    sale: ['3.219', '0.161', '0.112', '3.058'],
    lines: [
      ['0.123', '0.112', '2.346'],
      ['0.038', '0', '0.712'],
    ],
  });
});
