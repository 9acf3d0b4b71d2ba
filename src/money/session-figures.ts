import Decimal from 'decimal.js';
import type { CashCount } from './money-enums';
import { badInput } from './money-error';
import { dec, sum, ZERO } from './decimal';
import { hasAtMostDigits } from './rounding';

/**
 * Pure cash-session arithmetic (docs/money.md, Cash sessions): no I/O, so the
 * service and the tests share one definition of every figure.
 */

/** What the session's sales did (filled from the sales tables by session-sales.ts). */
export interface SaleFigures {
  salesCount: number;
  /** Sum of completed sales' subtotals (before discounts and tax). */
  grossSales: Decimal;
  discounts: Decimal;
  tax: Decimal;
  /** Per payment method: amounts applied on the session's sales minus that method's refunds. */
  netByPaymentMethod: Array<{ method: string; amount: Decimal }>;
  /** All refunds paid out in the session, any method. */
  refunds: Decimal;
  /** Cash taken on sales: the amount applied, not the cash received (change is not kept). */
  cashSales: Decimal;
  cashRefunds: Decimal;
}

export const NO_SALES: SaleFigures = Object.freeze({
  salesCount: 0,
  grossSales: ZERO,
  discounts: ZERO,
  tax: ZERO,
  netByPaymentMethod: [],
  refunds: ZERO,
  cashSales: ZERO,
  cashRefunds: ZERO,
});

export interface CashMovementTotals {
  cashIn: Decimal;
  cashOut: Decimal;
}

export interface SessionFigures extends SaleFigures, CashMovementTotals {
  openingBalance: Decimal;
  expectedCash: Decimal;
  /** The counted closing balance; null while the session is open. */
  countedCash: Decimal | null;
  /** countedCash - expectedCash (negative: short); null while open. */
  variance: Decimal | null;
}

/** expected = opening + cash taken on sales - cash refunds + pay-ins - pay-outs. */
export function expectedCash(openingBalance: Decimal, sales: SaleFigures, movements: CashMovementTotals): Decimal {
  return dec(openingBalance)
    .plus(sales.cashSales)
    .minus(sales.cashRefunds)
    .plus(movements.cashIn)
    .minus(movements.cashOut);
}

/** Every figure of an X (countedCash null) or Z report. */
export function sessionFigures(
  openingBalance: Decimal,
  sales: SaleFigures,
  movements: CashMovementTotals,
  countedCash: Decimal | null = null,
): SessionFigures {
  const expected = expectedCash(openingBalance, sales, movements);
  return {
    ...sales,
    ...movements,
    openingBalance: dec(openingBalance),
    expectedCash: expected,
    countedCash,
    variance: countedCash === null ? null : countedCash.minus(expected),
  };
}

export function movementTotals(
  movements: Iterable<{ type: 'PAY_IN' | 'PAY_OUT'; amount: Decimal }>,
): CashMovementTotals {
  const list = [...movements];
  return {
    cashIn: sum(list.filter((m) => m.type === 'PAY_IN').map((m) => m.amount)),
    cashOut: sum(list.filter((m) => m.type === 'PAY_OUT').map((m) => m.amount)),
  };
}

const DENOMINATION = /^\d{1,9}(\.\d{1,4})?$/;
const MAX_DENOMINATIONS = 100;
const MAX_PIECES = 1_000_000;
const MAX_AMOUNT = dec('99999999999.9999');

/**
 * Validates a cash count (`{"100": 1, "0.25": 4}`: denomination -> pieces)
 * and sums it. Denominations are positive decimals (at most 4 places),
 * counts whole numbers >= 0. Keys are normalized ("100.00" -> "100";
 * duplicates after normalizing add up). Bad input names `field`.
 */
export function parseCashCount(value: unknown, field: string): { count: CashCount; total: Decimal } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badInput(field, 'must be an object of denomination -> count, like {"100": 1, "0.25": 4}');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_DENOMINATIONS) throw badInput(field, `has more than ${MAX_DENOMINATIONS} denominations`);
  const count: CashCount = {};
  let total = ZERO;
  for (const [key, pieces] of entries) {
    if (!DENOMINATION.test(key) || dec(key).lte(0)) {
      throw badInput(field, `denomination "${key.slice(0, 20)}" is not a positive number (at most 4 decimals)`);
    }
    if (typeof pieces !== 'number' || !Number.isInteger(pieces) || pieces < 0 || pieces > MAX_PIECES) {
      throw badInput(field, `count for "${key}" must be a whole number from 0 to ${MAX_PIECES}`);
    }
    const denomination = dec(key).toFixed();
    count[denomination] = (count[denomination] ?? 0) + pieces;
    total = total.plus(dec(key).times(pieces));
  }
  if (total.gt(MAX_AMOUNT)) throw badInput(field, 'adds up to more than can be stored');
  return { count, total };
}

/**
 * A drawer amount given as a balance, a count, or both (then they must
 * agree): the amount and the normalized count. The amount must be >= 0 and a
 * whole number of the currency's minor units (`digits`).
 */
export function cashAmount(
  fields: { balance: string; count: string },
  digits: number,
  balance: Decimal | null | undefined,
  rawCount: unknown,
): { amount: Decimal; count: CashCount | null } {
  const counted = rawCount === null || rawCount === undefined ? null : parseCashCount(rawCount, fields.count);
  const given = balance === null || balance === undefined ? null : dec(balance);
  if (!given && !counted) throw badInput(fields.balance, `give ${fields.balance} or ${fields.count}`);
  if (given?.isNeg()) throw badInput(fields.balance, 'must be >= 0');
  if (given && counted && !counted.total.eq(given)) {
    throw badInput(fields.balance, `must equal the sum of ${fields.count} (${counted.total.toFixed()})`);
  }
  const [amount, field] = given ? [given, fields.balance] : [counted!.total, fields.count];
  if (!hasAtMostDigits(amount, digits))
    throw badInput(field, `must be a whole number of minor units (${digits} decimals)`);
  return { amount, count: counted?.count ?? null };
}
