import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import { badInput } from './money-error';
import { allocateProportionally } from './allocation';
import { dec, sum } from './decimal';
import { cartDiscountAmount, Discount, itemDiscountAmount } from './discounts';
import { roundMoney } from './rounding';

export interface CartLineInput {
  unitPrice: Decimal;
  /** Whole units, >= 1. */
  quantity: number;
  /** A fraction: 0.0825 is 8.25 %. */
  taxRate: Decimal;
  discount?: Discount | null;
}

export interface CartTotalsInput {
  lines: readonly CartLineInput[];
  cartDiscount?: Discount | null;
  /** The tenant's tax mode: unit prices already contain the tax. */
  pricesIncludeTax: boolean;
  /** Minor unit digits of the tenant currency (see minorUnitDigits). */
  currencyDigits: number;
  roundingMode: RoundingMode;
}

export interface CartLineTotals {
  gross: Decimal;
  itemDiscount: Decimal;
  cartDiscountShare: Decimal;
  /** itemDiscount + cartDiscountShare: the lines' discounts sum to the sale's. */
  discountAmount: Decimal;
  base: Decimal;
  taxAmount: Decimal;
  lineTotal: Decimal;
}

export interface SaleTotals {
  subtotal: Decimal;
  /** Item discounts plus the cart discount. */
  discountAmount: Decimal;
  taxAmount: Decimal;
  totalAmount: Decimal;
  /** D alone, as allocated over the lines. */
  cartDiscountAmount: Decimal;
}

export interface CartTotals {
  lines: CartLineTotals[];
  sale: SaleTotals;
}

/**
 * docs/money.md "A cart's totals", steps 1-6, in that order; every figure is a
 * whole number of minor units and the sale's figures are sums of the lines'.
 * Throws BAD_USER_INPUT for an invalid discount (field `value`), quantity,
 * price or rate; nothing else can fail.
 */
export function calculateCartTotals(input: CartTotalsInput): CartTotals {
  const { currencyDigits: digits, roundingMode: mode } = input;
  const round = (x: Decimal) => roundMoney(x, digits, mode);

  const priced = input.lines.map((line) => {
    assertLine(line);
    const gross = round(dec(line.unitPrice).times(line.quantity));
    const itemDiscount = itemDiscountAmount(gross, line.discount, digits, mode);
    return { gross, itemDiscount, net: gross.minus(itemDiscount), rate: dec(line.taxRate) };
  });

  const nets = priced.map((l) => l.net);
  const cartDiscount = cartDiscountAmount(sum(nets), input.cartDiscount, digits, mode);
  const shares = allocateProportionally(cartDiscount, nets, digits);

  const lines = priced.map(({ gross, itemDiscount, net, rate }, i): CartLineTotals => {
    const base = net.minus(shares[i]);
    const taxAmount = input.pricesIncludeTax ? round(base.times(rate).div(rate.plus(1))) : round(base.times(rate));
    return {
      gross,
      itemDiscount,
      cartDiscountShare: shares[i],
      discountAmount: itemDiscount.plus(shares[i]),
      base,
      taxAmount,
      lineTotal: input.pricesIncludeTax ? base : base.plus(taxAmount),
    };
  });

  return {
    lines,
    sale: {
      subtotal: sum(lines.map((l) => l.gross)),
      discountAmount: sum(lines.map((l) => l.itemDiscount)).plus(cartDiscount),
      taxAmount: sum(lines.map((l) => l.taxAmount)),
      totalAmount: sum(lines.map((l) => l.lineTotal)),
      cartDiscountAmount: cartDiscount,
    },
  };
}

function assertLine(line: CartLineInput): void {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw badInput('quantity', 'must be a whole number of at least 1');
  }
  if (!dec(line.unitPrice).isFinite() || dec(line.unitPrice).isNeg()) throw badInput('unitPrice', 'must be >= 0');
  if (!dec(line.taxRate).isFinite() || dec(line.taxRate).isNeg()) throw badInput('taxRate', 'must be >= 0');
}
