import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { Sale, SalePayment, Tenant } from '../../../entities';
import { PaymentStatus } from '../../../entities/payment-enums';
import { CART_STATUSES, PaymentMethod, SaleStatus } from '../../../entities/sale-enums';
import { badInput, DomainError } from '../../../errors';
import { amountDue } from '../../../money/cash';
import { minorUnitDigits } from '../../../money/currency';
import { ZERO } from '../../../money/decimal';
import { publishCartChanged } from '../cart/cart-events';
import { assertSessionOpen } from '../../sessions/session-open';
import { loadLockedSale } from '../checkout/sale-load';
import { IdempotencyService } from '../../core/idempotency.service';
import { Tenders } from './tenders';
import { planTender } from '../../../money/payment-tender';
import { moveSale } from '../sale-lifecycle';

export interface AddPaymentInput {
  saleId: string;
  method: PaymentMethod;
  amount?: Decimal | null;
  receivedAmount?: Decimal | null;
  /** Card token / wallet id (CARD, MOBILE_WALLET), transfer reference (BANK_TRANSFER). */
  reference?: string | null;
  idempotencyKey: string;
}

export interface PaymentResult {
  sale: Sale;
  payment: SalePayment;
  changeDue: Decimal;
}

/** What the idempotency record keeps: ids, and the failure that must be answered again on a replay. */
type PaymentRecord = { saleId: string; paymentId: string; failureReason?: string };

/** Tenders on a sale (docs/money.md, Payments): cash with change and rounding, gateway cards and wallets, transfers, store credit. */
export class PaymentService {
  constructor(
    private readonly tenders: Tenders,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Applies one payment to a cart, exactly once per idempotency key: one
   * transaction locks the sale FOR UPDATE, its session FOR SHARE (OPEN, else
   * SESSION_NOT_OPEN), the customer FOR UPDATE for CREDIT, calls the gateway
   * for CARD / MOBILE_WALLET (authorize + capture, keys `addPayment:` /
   * `capture:<key>`), writes the payment row, the sale's paid / change /
   * rounding figures and status (PENDING, then PARTIALLY_PAID once money is
   * applied), and stores the key. A decline or gateway timeout commits a
   * FAILED row and then answers PAYMENT_DECLINED (`extensions.reason`,
   * `paymentId`); a timeout also enqueues the void-on-timeout job.
   * Errors: NOT_FOUND, SALE_NOT_EDITABLE (not a cart, parked), OVERPAYMENT,
   * BAD_USER_INPUT (amount, receivedAmount, reference, method, store credit),
   * IDEMPOTENCY_KEY_REUSED.
   */
  async addPayment(ctx: TenantContext, input: AddPaymentInput): Promise<PaymentResult> {
    const processedBy = userIdOf(ctx);
    if (input.method === PaymentMethod.SPLIT)
      throw badInput('method', 'SPLIT is not a tender: add one payment per method');
    // What this call's transaction wrote (committed): answered without reading it again; a replay reloads.
    let written: { sale: Sale; payment: SalePayment } | undefined;
    const paymentId = randomUUID();
    const record = await this.idempotency.run<PaymentRecord>(
      ctx,
      { key: input.idempotencyKey, operation: 'addPayment', input },
      async (tx) => {
        const applied = await this.apply(tx, input, processedBy, paymentId);
        written = applied.written;
        return applied.record;
      },
      { saleId: input.saleId, paymentId },
    );
    const fresh = written?.payment.id === record.paymentId ? written : undefined;
    const payment =
      fresh?.payment ??
      (await ctx.em.findOneOrFail(SalePayment, { id: record.paymentId, tenant: ctx.tenantId }, { refresh: true }));
    if (record.failureReason) {
      throw new DomainError('PAYMENT_DECLINED', `The payment was declined (${record.failureReason})`, {
        reason: record.failureReason,
        paymentId: payment.id,
      });
    }
    const sale =
      fresh?.sale ??
      (await ctx.em.findOneOrFail(
        Sale,
        { id: record.saleId, tenant: ctx.tenantId },
        { populate: ['items'], refresh: true },
      ));
    return { sale, payment, changeDue: payment.changeGiven ?? ZERO };
  }

  private async apply(
    tx: TenantContext,
    input: AddPaymentInput,
    processedBy: string,
    paymentId: string,
  ): Promise<{ record: PaymentRecord; written: { sale: Sale; payment: SalePayment } }> {
    const loaded = await loadLockedSale(tx, input.saleId, {
      label: 'Sale',
      session: true,
      payments: true,
      reader: true,
    });
    const { sale, tenant } = loaded;
    if (!CART_STATUSES.includes(sale.status)) {
      throw new DomainError('SALE_NOT_EDITABLE', `The sale is ${sale.status.toLowerCase()}: it takes no more payments`);
    }
    if (sale.parkedAt) throw new DomainError('SALE_NOT_EDITABLE', 'The cart is parked: resume it first');
    assertSessionOpen(loaded.sessionStatus, "The sale's session is not open");
    if (!sale.items.length) throw badInput('saleId', 'the sale has no items');
    const tender = planTender({
      method: input.method,
      amount: input.amount,
      receivedAmount: input.receivedAmount,
      due: amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount),
      cashRoundingIncrement: tenant.cashRoundingIncrement,
      digits: minorUnitDigits(tenant.currency),
    });
    const completedMethods = loaded.payments
      .filter((p) => p.status === PaymentStatus.COMPLETED && !p.voidedAt)
      .map((p) => p.method);
    const reference = input.reference?.trim() || null;
    const payment = tx.em.create(SalePayment, {
      id: paymentId,
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      saleId: sale.id,
      sessionId: sale.sessionId,
      method: input.method,
      status: PaymentStatus.COMPLETED,
      amount: tender.amount,
      receivedAmount: tender.receivedAmount,
      changeGiven: tender.changeGiven,
      refundedAmount: ZERO,
      reference,
      processedById: processedBy,
      processedAt: new Date(),
      createdAt: new Date(),
    });
    await this.tenders
      .for(input.method)
      .pay(tx, { sale, tenant, payment, reference, idempotencyKey: input.idempotencyKey, readerId: loaded.readerId });

    if (payment.status === PaymentStatus.COMPLETED) {
      sale.paidAmount = sale.paidAmount.plus(payment.amount);
      sale.changeAmount = sale.changeAmount.plus(payment.changeGiven ?? ZERO);
      sale.roundingAdjustment = sale.roundingAdjustment.plus(tender.roundingDelta);
      const methods = new Set([...completedMethods, payment.method]);
      sale.paymentMethod = methods.size > 1 ? PaymentMethod.SPLIT : payment.method;
    }
    moveSale(sale, sale.paidAmount.gt(0) ? SaleStatus.PARTIALLY_PAID : SaleStatus.PENDING, new Date());
    await tx.em.flush();
    const written = { sale, payment };
    if (payment.status !== PaymentStatus.COMPLETED) {
      const failureReason = payment.failureReason ?? 'declined';
      return { record: { saleId: sale.id, paymentId: payment.id, failureReason }, written };
    }
    await publishCartChanged(tx, sale, sale.items.getItems(), tenant, 'PAYMENT_ADDED');
    return { record: { saleId: sale.id, paymentId: payment.id }, written };
  }
}
