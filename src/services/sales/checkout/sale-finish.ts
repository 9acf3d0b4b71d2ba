import { TenantContext } from '../../../context';
import { Customer, Location, PosTerminal, Sale, SaleItem, SalePayment, Tenant } from '../../../entities';
import { SaleStatus } from '../../../entities/sale-enums';
import { StockReferenceType } from '../../../entities/stock-enums';
import { DomainError } from '../../../errors';
import { claimNumbers, formatNumber, nextNumber } from '../../core/numbering';
import { ConsumedLine, StockLedgerService } from '../../inventory/stock-ledger.service';
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

/** One sale of a batch to finish, with its options. */
export interface SaleToFinishWith extends SaleToFinish {
  options: FinishOptions;
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
  const [finished] = await finishSales(tx, stock, [{ ...loaded, options }]);
  return finished.sale;
}

/** A finished sale with what its stock consumption found (units on hand after each product). */
export interface FinishedSale {
  sale: Sale;
  consumed: ConsumedLine[];
}

/**
 * `finishSale` for a batch (an offline register's replay), each sale as if
 * finished alone and in order, with one statement per step for all of them:
 * a run of register numbers is claimed at once, each day's summary job is
 * enqueued once, and the stock of the whole batch is consumed together.
 */
export async function finishSales(
  tx: TenantContext,
  stock: StockLedgerService,
  batch: readonly SaleToFinishWith[],
): Promise<FinishedSale[]> {
  if (!batch.length) return [];
  const numbers = await claimSaleNumbers(tx, batch);
  const linesOf = batch.map(({ sale }) =>
    [...sale.items.getItems()].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0)),
  );
  const days = new Map<string, { tenantId: string; locationId: string; date: string }>();
  for (const [i, { sale, terminal, location, options }] of batch.entries()) {
    moveSale(sale, SaleStatus.COMPLETED, new Date(), {
      saleNumber: formatNumber(terminal.code, numbers[i]),
      completedAt: options.completedAt,
      expiresAt: null,
    });
    const date = localDate(options.completedAt, location.timezone);
    days.set(`${sale.locationId}:${date}`, { tenantId: tx.tenantId, locationId: sale.locationId, date });
  }
  for (const day of days.values()) await enqueueDaySummary(tx, day);
  await enqueueReceiptEmails(
    tx,
    batch.map((b) => b.sale),
  );
  for (const [i, loaded] of batch.entries()) {
    const { sale, tenant, terminal, location } = loaded;
    if (loaded.options.atRegister) {
      // Cash: drawer kick + receipt print, from the rows loaded above.
      await tx.services.hardwareCommands.saleCompleted(tx, {
        sale,
        terminal,
        payments: loaded.payments,
        refunds: [],
        known: { tenant, location, cashierName: loaded.cashierName },
      });
      await publishCartChanged(tx, sale, linesOf[i], tenant, 'COMPLETED');
    }
    await publishSaleCompleted(tx, { saleId: sale.id, tenantId: tx.tenantId, locationId: sale.locationId });
  }
  await tx.em.flush();
  const consumed = await consumeLines(tx, stock, batch, linesOf);
  await tx.em.flush();
  for (const { sale, payments, tenant } of batch) await emitSaleEvent(tx, 'sale.completed', sale, payments, tenant);
  return batch.map((b, i) => ({ sale: b.sale, consumed: consumed[i] }));
}

/**
 * Each sale's number, in batch order: the series' next one, or the number
 * its register gave it, claimed only as the next of the series
 * (SALE_NUMBER_OUT_OF_SEQUENCE otherwise); a run of consecutive register
 * numbers of one terminal is claimed by one statement.
 */
async function claimSaleNumbers(tx: TenantContext, batch: readonly SaleToFinishWith[]): Promise<number[]> {
  const numbers: number[] = [];
  let i = 0;
  while (i < batch.length) {
    const { terminal, options } = batch[i];
    const series = `sale:${terminal.id}`;
    const first = options.registerNumber;
    if (first === undefined) {
      numbers.push(await nextNumber(tx, series));
      i++;
      continue;
    }
    let end = i + 1;
    while (
      end < batch.length &&
      batch[end].terminal.id === terminal.id &&
      batch[end].options.registerNumber === first + (end - i)
    )
      end++;
    const claim = await claimNumbers(tx, series, first, end - i);
    if (!claim.claimed) throw saleNumberOutOfSequence(first, claim.expected);
    for (let n = first; n < first + end - i; n++) numbers.push(n);
    i = end;
  }
  return numbers;
}

/** A register's number that is not the next of its terminal's series. */
export function saleNumberOutOfSequence(registerNumber: number, expected: number): DomainError {
  return new DomainError(
    'SALE_NUMBER_OUT_OF_SEQUENCE',
    `The register numbered this sale ${registerNumber}; the terminal's next number is ${expected}`,
    { field: 'saleNumber', expected },
  );
}

/** The receipt email of each sale whose customer has an address: one read for the batch's customers. */
async function enqueueReceiptEmails(tx: TenantContext, sales: readonly Sale[]): Promise<void> {
  const ids = [...new Set(sales.flatMap((s) => (s.customerId ? [s.customerId] : [])))];
  if (!ids.length) return;
  const customers = await tx.em.find(Customer, { id: { $in: ids }, tenant: tx.tenantId });
  const emails = new Map(customers.flatMap((c) => (c.email ? [[c.id, c.email] as const] : [])));
  for (const sale of sales) {
    const email = sale.customerId ? emails.get(sale.customerId) : undefined;
    if (email) await enqueueReceiptEmail(tx, { tenantId: tx.tenantId, saleId: sale.id, email });
  }
}

/**
 * Consumes exactly each sale's units (any the stock job released after
 * their expiry are taken again) and puts their cost into its lines.
 */
async function consumeLines(
  tx: TenantContext,
  stock: StockLedgerService,
  batch: readonly SaleToFinishWith[],
  linesOf: readonly SaleItem[][],
): Promise<ConsumedLine[][]> {
  const consumed = await stock.consumeEach(
    tx,
    batch.map(({ sale, options }, i) => ({
      referenceId: sale.id,
      referenceType: StockReferenceType.SALE,
      actorId: options.actorId,
      allowNegative: options.allowNegativeStock,
      expected: linesOf[i].map((line) => ({
        productId: line.productId,
        locationId: sale.locationId,
        quantity: line.quantity,
      })),
    })),
  );
  batch.forEach((_, i) => {
    const byProduct = new Map(consumed[i].map((c) => [c.productId, c]));
    for (const line of linesOf[i]) {
      const cost = byProduct.get(line.productId);
      if (!cost || cost.quantity !== line.quantity)
        throw new Error(`consumed stock of ${line.productId} does not match the sale line`);
      line.unitCost = cost.unitCost;
      line.costAmount = cost.costAmount;
    }
  });
  return consumed;
}
