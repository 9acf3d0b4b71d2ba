import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { PosSession, Sale, SalePayment } from '../../../entities';
import { PaymentStatus } from '../../../entities/payment-enums';
import { CART_STATUSES, SaleStatus } from '../../../entities/sale-enums';
import { StockReferenceType } from '../../../entities/stock-enums';
import { badInput, DomainError } from '../../../errors';
import { ZERO } from '../../../money/decimal';
import { publishCartChanged } from '../cart/cart-events';
import { enqueueDailySummary } from '../checkout/checkout-jobs';
import { assertSessionOpen, lockOpenSession } from '../../sessions/session-open';
import { currentTenant } from '../../tenancy/current-tenant';
import { lockSale } from '../checkout/checkout-locks';
import { Tenders } from '../payments/tenders';
import { ReservationService } from '../../inventory/reservations.service';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { moveSale } from '../sale-lifecycle';
import { emitSaleEvent } from '../../webhooks/domain-events';
import { onceByKey } from '../../core/once-by-key';
import { ApprovalInput, withoutApproval } from '../../security/approvals';
import { voidApproval } from './reversal-approvals';

export interface VoidSaleInput extends ApprovalInput {
  saleId: string;
  reason: string;
  idempotencyKey?: string | null;
}

/** Cancels a sale by writing reversals; nothing is deleted. */
export class SaleVoidService {
  constructor(
    private readonly stock: StockLedgerService,
    private readonly reservations: ReservationService,
    private readonly tenders: Tenders,
  ) {}

  /**
   * Voids a cart (DRAFT / PENDING / PARTIALLY_PAID: reservations released) or
   * a COMPLETED sale whose session is still OPEN (every line restocked with an
   * IN movement and a cost layer at its unit cost), in one transaction with
   * the sale locked FOR UPDATE and the session FOR SHARE. Every applied
   * payment is reversed: cash leaves the drawer (the payment no longer counts
   * in the session's cash), store credit goes back to the customer, card and
   * wallet payments are voided at the gateway (key `void:<payment id>`, last,
   * so a refusal rolls everything back). Stamps VOIDED, voidedAt/By and the
   * reason and who approved it (voidApprovedById: a cashier needs a manager's
   * PIN or token, reversal-approvals.ts). Voiding a voided sale returns it unchanged; with an
   * `idempotencyKey`, a retry of the same request replays the first answer
   * and the key cannot be reused for another request.
   * Errors: APPROVAL_REQUIRED, TOO_MANY_ATTEMPTS, NOT_FOUND, BAD_USER_INPUT (reason), SALE_NOT_EDITABLE (session
   * closed: refund instead; refunds recorded), CONFLICT (the gateway refused),
   * IDEMPOTENCY_KEY_REUSED.
   */
  async void(ctx: TenantContext, input: VoidSaleInput): Promise<Sale> {
    const actor = userIdOf(ctx);
    const reason = input.reason?.trim();
    if (!reason) throw badInput('reason', 'is required');
    if (reason.length > 255) throw badInput('reason', 'must be at most 255 characters');
    const approval = await voidApproval(ctx, input);
    const planned = { saleId: input.saleId };
    const { saleId } = await onceByKey(
      ctx,
      { key: input.idempotencyKey, operation: 'voidSale', input: withoutApproval(input) },
      async (tx) => {
        const sale = await lockSale(tx, input.saleId);
        if (sale.status === SaleStatus.VOIDED) return planned;
        const completed = sale.status === SaleStatus.COMPLETED;
        // Voiding would hand back the returned goods' value, already paid out by the exchange's refund.
        if (completed && sale.returnLines.length)
          throw new DomainError(
            'SALE_NOT_EDITABLE',
            'An exchange cannot be voided: its returned goods are refunded already; refund its new items instead (createRefund)',
          );
        if (completed) await this.requireSessionOpenForVoid(tx, sale);
        else if (!CART_STATUSES.includes(sale.status)) {
          throw new DomainError(
            'SALE_NOT_EDITABLE',
            'The sale has refunds and can no longer be voided: refund the rest instead (createRefund)',
          );
        } else if (sale.paidAmount.gt(0)) {
          await lockOpenSession(tx, sale.sessionId, "The sale's session is not open");
        }
        await tx.em.populate(sale, ['items'], { refresh: true });
        const lines = [...sale.items.getItems()].sort((a, b) =>
          a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
        );
        if (completed) {
          await this.stock.restockAll(
            tx,
            lines.map((line) => ({
              productId: line.productId,
              locationId: sale.locationId,
              quantity: line.quantity,
              unitCost: line.unitCost ?? ZERO,
              referenceType: StockReferenceType.VOID,
              referenceId: sale.id,
              actorId: actor,
              reason,
            })),
          );
        } else {
          await this.reservations.release(tx, { referenceId: sale.id });
        }
        const now = new Date();
        const payments = await tx.em.find(
          SalePayment,
          { tenant: tx.tenantId, saleId: sale.id, status: PaymentStatus.COMPLETED, voidedAt: null },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        );
        for (const payment of payments) Object.assign(payment, { status: PaymentStatus.REFUNDED, voidedAt: now });
        moveSale(sale, SaleStatus.VOIDED, now, {
          voidedAt: now,
          voidedById: actor,
          voidReason: reason,
          voidApprovedById: approval.approverId,
          expiresAt: null,
        });
        tx.services.audit.record(tx, {
          type: 'sale.voided',
          subjectType: 'Sale',
          subjectId: sale.id,
          data: { reason, approverId: approval.approverId },
        });
        tx.services.approvals.recordGranted(tx, approval, { action: 'void', subjectType: 'Sale', subjectId: sale.id });
        await tx.em.flush();
        // Last, so a gateway's refusal rolls everything back.
        for (const tender of this.tenders.all()) {
          await tender.void(
            tx,
            sale,
            payments.filter((p) => tender.methods.includes(p.method)),
          );
        }
        await tx.em.flush();
        if (completed && sale.completedAt) {
          await enqueueDailySummary(tx, {
            tenantId: tx.tenantId,
            locationId: sale.locationId,
            saleId: sale.id,
            completedAt: sale.completedAt.toISOString(),
          });
        }
        await publishCartChanged(tx, sale, lines, await currentTenant(tx), 'VOIDED');
        await emitSaleEvent(tx, 'sale.voided', sale, payments);
        return planned;
      },
      planned,
    );
    return ctx.em.findOneOrFail(Sale, { id: saleId, tenant: ctx.tenantId }, { populate: ['items'], refresh: true });
  }

  private async requireSessionOpenForVoid(tx: TenantContext, sale: Sale): Promise<void> {
    const session = sale.sessionId
      ? await tx.em.findOne(
          PosSession,
          { id: sale.sessionId, tenant: tx.tenantId },
          { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
        )
      : null;
    assertSessionOpen(
      session?.status,
      "The sale's session is closed: a completed sale can only be voided while its session is open. Refund it instead (createRefund).",
      'SALE_NOT_EDITABLE',
    );
  }
}
