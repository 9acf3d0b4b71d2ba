import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import { CART_STATUSES, PaymentMethod, SaleStatus } from '../../../entities/sale-enums';
import { badInput, DomainError } from '../../../errors';
import { amountDue } from '../../../money/cash';
import { assertSessionOpen } from '../../sessions/session-open';
import { loadLockedSale } from './sale-load';
import { finishSale } from './sale-finish';
import { IdempotencyService } from '../../core/idempotency.service';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { inTransaction } from '../../core/transaction';
import type { Tenders } from '../payments/tenders';
import { postExchangeReturn } from '../returns/exchange-completion';

export interface CompleteSaleInput {
  saleId: string;
  idempotencyKey?: string | null;
  /** An exchange the store owes: CASH (default) or CREDIT (docs/returns.md). */
  payoutMethod?: PaymentMethod | null;
}

/** Turns a fully paid cart into a completed sale. */
export class SaleCompletionService {
  constructor(
    private readonly stock: StockLedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly tenders: Tenders,
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
   * An exchange's returned goods (docs/returns.md) are posted first, in the
   * same transaction, as one refund (postExchangeReturn).
   * Errors: NOT_FOUND, PAYMENT_REQUIRED, SALE_NOT_EDITABLE (voided/refunded,
   * parked), SESSION_NOT_OPEN, INSUFFICIENT_STOCK, BAD_USER_INPUT (no items),
   * IDEMPOTENCY_KEY_REUSED.
   */
  async complete(ctx: TenantContext, input: CompleteSaleInput): Promise<Sale> {
    const actor = userIdOf(ctx);
    // The sale as this call's transaction left it (committed): answered without reading it again.
    let written: Sale | undefined;
    const work = async (tx: TenantContext) => {
      written = await this.completeLocked(tx, input, actor);
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

  private async completeLocked(tx: TenantContext, input: CompleteSaleInput, actor: string): Promise<Sale> {
    const loaded = await loadLockedSale(tx, input.saleId, {
      label: 'Sale',
      session: true,
      payments: true,
      receipt: true,
    });
    const { sale } = loaded;
    if (sale.status === SaleStatus.COMPLETED) return sale;
    if (!CART_STATUSES.includes(sale.status)) {
      throw new DomainError('SALE_NOT_EDITABLE', `The sale is ${sale.status.toLowerCase()} and cannot be completed`);
    }
    if (sale.parkedAt) throw new DomainError('SALE_NOT_EDITABLE', 'The cart is parked: resume it first');
    assertSessionOpen(loaded.sessionStatus, "The sale's session is not open");
    if (!sale.items.length) throw badInput('saleId', 'the sale has no items');
    const due = amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount);
    if (due.gt(0)) {
      throw new DomainError('PAYMENT_REQUIRED', `${due.toFixed(2)} is still due`, { amountDue: due.toFixed() });
    }
    // Below zero only when returned goods outweigh the new ones: the exchange pays the customer out.
    await postExchangeReturn(tx, this.stock, sale, loaded.tenant, this.tenders, {
      actorId: actor,
      payoutMethod: input.payoutMethod,
    });

    return finishSale(
      tx,
      this.stock,
      { ...loaded, terminal: loaded.terminal!, location: loaded.location!, cashierName: loaded.cashierName! },
      { actorId: actor, completedAt: new Date(), atRegister: true },
    );
  }
}
