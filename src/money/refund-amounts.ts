import Decimal from 'decimal.js';
import { RoundingMode } from './money-enums';
import type { RefundLine } from './money-enums';
import { badInput, MoneyError } from './money-error';
import { dec, sum, ZERO } from './decimal';
import { refundAmountForUnits } from './refunds';

export interface SoldLine {
  id: string;
  quantity: number;
  lineTotal: Decimal;
}

export interface RefundItemRequest {
  saleItemId: string;
  quantity: number;
  /** Default true. */
  returnToStock?: boolean | null;
}

/** Units of each sale line already refunded, from earlier refunds' lines. */
export function refundedUnits(earlier: Iterable<{ items: RefundLine[] }>): Map<string, number> {
  const units = new Map<string, number>();
  for (const refund of earlier) {
    for (const line of refund.items) {
      if (line.saleItemId) units.set(line.saleItemId, (units.get(line.saleItemId) ?? 0) + line.quantity);
    }
  }
  return units;
}

/**
 * The refund lines and their amounts (docs/money.md, Refunds: round(T(r+k)/n) -
 * round(Tr/n) per line), pure. Errors: BAD_USER_INPUT (items: unknown or
 * repeated line, quantity), REFUND_EXCEEDS_SALE (more units than are left).
 */
export function refundLinesFor(
  sold: readonly SoldLine[],
  alreadyRefunded: ReadonlyMap<string, number>,
  requested: readonly RefundItemRequest[],
  digits: number,
  mode: RoundingMode,
): { lines: RefundLine[]; amount: Decimal } {
  const seen = new Set<string>();
  const lines = requested.map((req) => {
    const line = sold.find((l) => l.id === req.saleItemId);
    if (!line) throw badInput('items', `sale item ${req.saleItemId} is not a line of this sale`);
    if (seen.has(line.id)) throw badInput('items', `sale item ${line.id} is listed twice`);
    seen.add(line.id);
    const before = alreadyRefunded.get(line.id) ?? 0;
    if (before + req.quantity > line.quantity) {
      throw new MoneyError(
        'REFUND_EXCEEDS_SALE',
        `Only ${line.quantity - before} of the line's ${line.quantity} units are left to refund`,
        {
          saleItemId: line.id,
        },
      );
    }
    const amount = refundAmountForUnits(line.lineTotal, line.quantity, before, req.quantity, digits, mode);
    return {
      saleItemId: line.id,
      quantity: req.quantity,
      amount: amount.toFixed(),
      returnToStock: req.returnToStock ?? true,
    };
  });
  return { lines, amount: sum(lines.map((l) => dec(l.amount))) };
}

/**
 * Caps a refund at what is left of the money paid (paid net of change, less
 * earlier refunds). Units refunded line by line add up to the lines' total,
 * which exceeds what was paid when cash rounding went down (total 10.02 paid
 * 10.00): that gap alone is absorbed by the last line of an item refund.
 * Anything more is REFUND_EXCEEDS_SALE.
 */
export function capToRefundable(
  amount: Decimal,
  refundable: Decimal,
  lines: RefundLine[],
  roundingAdjustment: Decimal,
): { amount: Decimal; lines: RefundLine[] } {
  if (!refundable.gt(0)) throw new MoneyError('REFUND_EXCEEDS_SALE', 'Everything paid on this sale has been refunded');
  const excess = amount.minus(refundable);
  if (!excess.gt(0)) return { amount, lines };
  const absorbable = lines.length && roundingAdjustment.isNeg() ? roundingAdjustment.neg() : ZERO;
  if (excess.gt(absorbable)) {
    throw new MoneyError('REFUND_EXCEEDS_SALE', `At most ${refundable.toFixed(2)} is left to refund on this sale`, {
      refundable: refundable.toFixed(),
    });
  }
  const last = lines[lines.length - 1];
  return {
    amount: refundable,
    lines: [...lines.slice(0, -1), { ...last, amount: dec(last.amount).minus(excess).toFixed() }],
  };
}
