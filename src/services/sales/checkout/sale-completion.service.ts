import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { Customer, Sale } from '../../../entities';
import { CART_STATUSES, SaleStatus } from '../../../entities/sale-enums';
import { StockReferenceType } from '../../../entities/stock-enums';
import { badInput, DomainError } from '../../../errors';
import { amountDue } from '../../../money/cash';
import { publishCartChanged } from '../cart/cart-events';
import { enqueueDaySummary, enqueueReceiptEmail, localDate } from './checkout-jobs';
import { assertSessionOpen } from '../../sessions/session-open';
import { loadLockedSale } from './sale-load';
import { IdempotencyService } from '../../core/idempotency.service';
import { formatNumber, nextNumber } from '../../core/numbering';
import { publishSaleCompleted } from './sale-events';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { inTransaction } from '../../core/transaction';
import { moveSale } from '../sale-lifecycle';
import { emitSaleEvent } from '../../webhooks/domain-events';

export interface CompleteSaleInput {
  saleId: string;
  idempotencyKey?: string | null;
}

/** Turns a fully paid cart into a completed sale. */
export class SaleCompletionService {
  constructor(
    private readonly stock: StockLedgerService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Completes a fully paid cart in one transaction: locks the sale FOR UPDATE
   * and its session FOR SHARE (OPEN), re-asserts every line's reservation and
   * consumes them into OUT movements and cost layers (COGS per the tenant's
   * costing method into each line's unitCost / costAmount; last, as the stock
   * rows are shared by all registers), takes the next gapless number of the
   * terminal's series (`<code>-000001`; a rollback gives it back), sets COMPLETED
   * and completedAt, enqueues the daily summary (and the receipt email when
   * the customer has an address), and publishes saleCompleted and the cart's
   * COMPLETED event after commit. With an idempotency key, a retry returns
   * the first result; a completed sale is returned as it is.
   * Errors: NOT_FOUND, PAYMENT_REQUIRED, SALE_NOT_EDITABLE (voided/refunded,
   * parked), SESSION_NOT_OPEN, INSUFFICIENT_STOCK, BAD_USER_INPUT (no items),
   * IDEMPOTENCY_KEY_REUSED.
   */
  async complete(ctx: TenantContext, input: CompleteSaleInput): Promise<Sale> {
    const actor = userIdOf(ctx);
    // The sale as this call's transaction left it (committed): answered without reading it again.
    let written: Sale | undefined;
    const work = async (tx: TenantContext) => {
      written = await this.completeLocked(tx, input.saleId, actor);
      return { saleId: written.id };
    };
    const { saleId } = input.idempotencyKey
      ? await this.idempotency.run(ctx, { key: input.idempotencyKey, operation: 'completeSale', input }, work, {
          saleId: input.saleId,
        })
      : await inTransaction(ctx, work);
    if (written?.id === saleId) return written;
    return ctx.em.findOneOrFail(Sale, { id: saleId, tenant: ctx.tenantId }, { populate: ['items'], refresh: true });
  }

  private async completeLocked(tx: TenantContext, saleId: string, actor: string): Promise<Sale> {
    const loaded = await loadLockedSale(tx, saleId, { label: 'Sale', session: true, payments: true, receipt: true });
    const { sale, tenant } = loaded;
    if (sale.status === SaleStatus.COMPLETED) return sale;
    if (!CART_STATUSES.includes(sale.status)) {
      throw new DomainError('SALE_NOT_EDITABLE', `The sale is ${sale.status.toLowerCase()} and cannot be completed`);
    }
    if (sale.parkedAt) throw new DomainError('SALE_NOT_EDITABLE', 'The cart is parked: resume it first');
    assertSessionOpen(loaded.sessionStatus, "The sale's session is not open");
    const lines = [...sale.items.getItems()].sort((a, b) =>
      a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
    );
    if (!lines.length) throw badInput('saleId', 'the sale has no items');
    const due = amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount);
    if (!due.isZero()) {
      throw new DomainError('PAYMENT_REQUIRED', `${due.toFixed(2)} is still due`, { amountDue: due.toFixed() });
    }

    // The counter row is the terminal's own; the stock rows are shared by every register, so
    // everything else is done first and the stock locks are held for the last few statements only.
    const terminal = loaded.terminal!;
    const now = new Date();
    moveSale(sale, SaleStatus.COMPLETED, now, {
      saleNumber: formatNumber(terminal.code, await nextNumber(tx, `sale:${terminal.id}`)),
      completedAt: now,
      expiresAt: null,
    });

    await enqueueDaySummary(tx, {
      tenantId: tx.tenantId,
      locationId: sale.locationId,
      date: localDate(now, loaded.location!.timezone),
    });
    const customer = sale.customerId
      ? await tx.em.findOne(Customer, { id: sale.customerId, tenant: tx.tenantId })
      : null;
    if (customer?.email)
      await enqueueReceiptEmail(tx, { tenantId: tx.tenantId, saleId: sale.id, email: customer.email });
    // Cash: drawer kick + receipt print, from the rows loaded above.
    await tx.services.hardwareCommands.saleCompleted(tx, {
      sale,
      terminal,
      payments: loaded.payments,
      refunds: [],
      known: { tenant, location: loaded.location!, cashierName: loaded.cashierName! },
    });
    await publishSaleCompleted(tx, { saleId: sale.id, tenantId: tx.tenantId, locationId: sale.locationId });
    await publishCartChanged(tx, sale, lines, tenant, 'COMPLETED');
    await tx.em.flush();

    // Consumes exactly the lines' units: any the stock job released after their expiry are taken again.
    const consumed = new Map(
      (
        await this.stock.consume(tx, {
          referenceId: sale.id,
          referenceType: StockReferenceType.SALE,
          actorId: actor,
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
    await tx.em.flush();
    await emitSaleEvent(tx, 'sale.completed', sale, loaded.payments, tenant);
    return sale;
  }
}
