import { TenantContext } from '../../../context';
import { Customer, Location, PosTerminal, Sale, SaleItem, SalePayment, Tenant } from '../../../entities';
import { SaleStatus } from '../../../entities/sale-enums';
import { StockReferenceType } from '../../../entities/stock-enums';
import { DomainError } from '../../../errors';
import { claimNumber, formatNumber, nextNumber } from '../../core/numbering';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { publishCartChanged } from '../cart/cart-events';
import { moveSale } from '../sale-lifecycle';
import { enqueueDaySummary, enqueueReceiptEmail, localDate } from './checkout-jobs';
import { publishSaleCompleted } from './sale-events';
import { emitSaleEvent } from '../../webhooks/domain-events';

/** A paid sale under its row lock, with what its completion needs. */
export interface SaleToFinish {
  sale: Sale;
  tenant: Tenant;
  terminal: PosTerminal;
  location: Location;
  payments: SalePayment[];
  cashierName: string;
}

export interface FinishOptions {
  actorId: string;
  /** When the sale was completed: now online, the register's time offline. */
  completedAt: Date;
  /**
   * The number an offline register gave the sale: taken only as the next of
   * the terminal's series (SALE_NUMBER_OUT_OF_SEQUENCE otherwise). Absent:
   * the series' next number.
   */
  registerNumber?: number;
  /**
   * Online: the drawer opens, the receipt prints and the cart display hears
   * COMPLETED. An offline sale already happened at the register: none of that.
   */
  atRegister: boolean;
  /** Offline: the goods are gone, so stock may go below zero whatever the tenant's setting. */
  allowNegativeStock?: boolean;
}

/**
 * The one completion path (completeSale, checkout, offline replay), inside
 * the caller's transaction: the gapless number of the terminal's series,
 * COMPLETED and completedAt, the day's summary job (and the receipt email
 * when the customer has an address), the register's drawer and printer,
 * saleCompleted after commit, then the stock: exactly the lines' units
 * consumed into OUT movements and cost layers (COGS into each line), last,
 * as the stock rows are shared by every register; then the sale.completed
 * webhook event, in the same transaction.
 */
export async function finishSale(
  tx: TenantContext,
  stock: StockLedgerService,
  loaded: SaleToFinish,
  options: FinishOptions,
): Promise<Sale> {
  const { sale, tenant, terminal, location } = loaded;
  const lines = [...sale.items.getItems()].sort((a, b) =>
    a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
  );
  moveSale(sale, SaleStatus.COMPLETED, new Date(), {
    saleNumber: formatNumber(terminal.code, await saleNumberOf(tx, terminal.id, options.registerNumber)),
    completedAt: options.completedAt,
    expiresAt: null,
  });

  await enqueueDaySummary(tx, {
    tenantId: tx.tenantId,
    locationId: sale.locationId,
    date: localDate(options.completedAt, location.timezone),
  });
  const customer = sale.customerId ? await tx.em.findOne(Customer, { id: sale.customerId, tenant: tx.tenantId }) : null;
  if (customer?.email) await enqueueReceiptEmail(tx, { tenantId: tx.tenantId, saleId: sale.id, email: customer.email });
  if (options.atRegister) {
    // Cash: drawer kick + receipt print, from the rows loaded above.
    await tx.services.hardwareCommands.saleCompleted(tx, {
      sale,
      terminal,
      payments: loaded.payments,
      refunds: [],
      known: { tenant, location, cashierName: loaded.cashierName },
    });
    await publishCartChanged(tx, sale, lines, tenant, 'COMPLETED');
  }
  await publishSaleCompleted(tx, { saleId: sale.id, tenantId: tx.tenantId, locationId: sale.locationId });
  await tx.em.flush();
  await consumeLines(tx, stock, sale, lines, options);
  await tx.em.flush();
  await emitSaleEvent(tx, 'sale.completed', sale, loaded.payments, tenant);
  return sale;
}

async function saleNumberOf(tx: TenantContext, terminalId: string, registerNumber?: number): Promise<number> {
  const series = `sale:${terminalId}`;
  if (registerNumber === undefined) return nextNumber(tx, series);
  const claim = await claimNumber(tx, series, registerNumber);
  if (!claim.claimed) {
    throw new DomainError(
      'SALE_NUMBER_OUT_OF_SEQUENCE',
      `The register numbered this sale ${registerNumber}; the terminal's next number is ${claim.expected}`,
      { field: 'saleNumber', expected: claim.expected },
    );
  }
  return registerNumber;
}

/** Consumes exactly the lines' units: any the stock job released after their expiry are taken again. */
async function consumeLines(
  tx: TenantContext,
  stock: StockLedgerService,
  sale: Sale,
  lines: SaleItem[],
  options: FinishOptions,
): Promise<void> {
  const consumed = new Map(
    (
      await stock.consume(tx, {
        referenceId: sale.id,
        referenceType: StockReferenceType.SALE,
        actorId: options.actorId,
        allowNegative: options.allowNegativeStock,
        expected: lines.map((line) => ({
          productId: line.productId,
          locationId: sale.locationId,
          quantity: line.quantity,
        })),
      })
    ).map((c) => [c.productId, c]),
  );
  for (const line of lines) {
    const cost = consumed.get(line.productId);
    if (!cost || cost.quantity !== line.quantity)
      throw new Error(`consumed stock of ${line.productId} does not match the sale line`);
    line.unitCost = cost.unitCost;
    line.costAmount = cost.costAmount;
  }
}
