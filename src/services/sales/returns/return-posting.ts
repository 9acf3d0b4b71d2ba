import Decimal from 'decimal.js';
import { TenantContext } from '../../../context';
import type { RefundLine } from '../../../entities/sale-refund.entity';
import { StockReferenceType } from '../../../entities/stock-enums';
import { StockLedgerService } from '../../inventory/stock-ledger.service';

/** One line coming back, priced and costed by its caller (a return without a receipt, an exchange). */
export interface ReturnedLine {
  /** The sale line it came from; null without one. */
  saleItemId: string | null;
  productId: string;
  quantity: number;
  /** Money back for the units, tax included, and the tax part of it (the tax reversed). */
  amount: Decimal;
  taxAmount: Decimal;
  /** Without a sale line: the price it was taken back at. */
  unitPrice?: Decimal;
  /** What a unit goes back on the shelf at (the sale line's unit cost, or docs/returns.md's decision). */
  unitCost: Decimal;
  returnToStock: boolean;
  reason?: string;
}

export interface ReturnPosting {
  refundId: string;
  /** Where the goods come back: the location restocked. */
  locationId: string;
  actorId: string;
  reason: string;
}

/**
 * Posts returned lines in the caller's transaction: the units returned to
 * stock go IN at `posting.locationId` with a new cost layer at their unit
 * cost (restockAll, in lock order), and each line becomes the refund line
 * that records its money, its tax reversal and, without a sale line, what
 * reports read from it (product, tax, cost). Every kind of return posts its
 * lines here.
 */
export async function postReturnedLines(
  tx: TenantContext,
  stock: StockLedgerService,
  posting: ReturnPosting,
  lines: readonly ReturnedLine[],
): Promise<RefundLine[]> {
  await stock.restockAll(
    tx,
    lines
      .filter((line) => line.returnToStock)
      .map((line) => ({
        productId: line.productId,
        locationId: posting.locationId,
        quantity: line.quantity,
        unitCost: line.unitCost,
        referenceType: StockReferenceType.REFUND,
        referenceId: posting.refundId,
        actorId: posting.actorId,
        reason: line.reason ?? posting.reason,
      })),
  );
  return lines.map((line) => ({
    saleItemId: line.saleItemId,
    quantity: line.quantity,
    amount: line.amount.toFixed(),
    returnToStock: line.returnToStock,
    ...(line.saleItemId
      ? {}
      : {
          productId: line.productId,
          unitPrice: line.unitPrice?.toFixed(),
          taxAmount: line.taxAmount.toFixed(),
          costAmount: line.returnToStock ? line.unitCost.times(line.quantity).toFixed() : '0',
          reason: line.reason,
        }),
  }));
}
