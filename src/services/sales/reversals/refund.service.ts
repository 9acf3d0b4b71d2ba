import { LockMode } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { PosSession, SaleRefund, Tenant } from '../../../entities';
import { PaymentStatus } from '../../../entities/payment-enums';
import { PaymentMethod, SaleStatus } from '../../../entities/sale-enums';
import type { RefundLine } from '../../../entities/sale-refund.entity';
import { StockReferenceType } from '../../../entities/stock-enums';
import { badInput, DomainError, notFound } from '../../../errors';
import { minorUnitDigits } from '../../../money/currency';
import { dec, sum, ZERO } from '../../../money/decimal';
import { hasAtMostDigits } from '../../../money/rounding';
import { enqueueDailySummary } from '../checkout/checkout-jobs';
import { assertSessionOpen } from '../../sessions/session-open';
import { currentTenant } from '../../tenancy/current-tenant';
import { lockSale } from '../checkout/checkout-locks';
import { IdempotencyService } from '../../core/idempotency.service';
import { isUuid } from '../../core/ids';
import { nextRefundNumber } from '../../core/numbering';
import { Tenders } from '../payments/tenders';
import { capToRefundable, RefundItemRequest, refundedUnits, refundLinesFor } from '../../../money/refund-amounts';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { moveSale } from '../sale-lifecycle';
import { emitRefundCreated } from '../../webhooks/domain-events';
import { Approval, ApprovalInput, withoutApproval } from '../../security/approvals';
import { refundApprover, resolveRefundApproval } from './reversal-approvals';

export interface CreateRefundInput extends ApprovalInput {
  saleId: string;
  /** Units per sale line; omitted or empty: an amount-only refund. */
  items?: RefundItemRequest[] | null;
  /** For an amount-only refund. */
  amount?: Decimal | null;
  method: PaymentMethod;
  reason: string;
  /** The drawer the money leaves (required for CASH; OPEN). */
  sessionId?: string | null;
  idempotencyKey: string;
}

const REFUNDABLE: readonly SaleStatus[] = [SaleStatus.COMPLETED, SaleStatus.PARTIALLY_REFUNDED];

/** Money (and goods) back on completed sales (docs/money.md, Refunds). */
export class RefundService {
  constructor(
    private readonly stock: StockLedgerService,
    private readonly tenders: Tenders,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Refunds units of lines (amount per docs/money.md's rule; returned units are
   * restocked with a cost layer at the line's unit cost unless
   * `returnToStock: false`) or an amount only, exactly once per idempotency
   * key, in one transaction: the sale locked FOR UPDATE, the session FOR
   * SHARE. CASH leaves the given OPEN session's drawer; CARD / MOBILE_WALLET
   * goes back to the sale's original transactions at the gateway (key
   * `createRefund:<key>:<payment id>`); CREDIT adds to the customer's store
   * credit. The refund number (`R-000001`, gapless per tenant) is taken last.
   * The sale becomes PARTIALLY_REFUNDED, or REFUNDED once every unit or all
   * the money paid is back.
   * Errors: NOT_FOUND, REFUND_EXCEEDS_SALE (units or money beyond the sale,
   * card refunds beyond the card payments), SALE_NOT_EDITABLE (not a completed
   * sale), SESSION_NOT_OPEN, BAD_USER_INPUT (items / amount / method /
   * sessionId / reason), APPROVAL_REQUIRED (past the tenant's refund window or
   * above its threshold without a manager), PAYMENT_DECLINED (the gateway refused or timed out:
   * nothing is written; retry with the same key), IDEMPOTENCY_KEY_REUSED.
   */
  async create(ctx: TenantContext, input: CreateRefundInput): Promise<SaleRefund> {
    const actor = userIdOf(ctx);
    const reason = input.reason?.trim();
    if (!reason) throw badInput('reason', 'is required');
    if (reason.length > 500) throw badInput('reason', 'must be at most 500 characters');
    if (input.method === PaymentMethod.SPLIT) throw badInput('method', 'a refund is paid by one method');
    const byItems = !!input.items?.length;
    if (byItems && input.amount != null) throw badInput('amount', 'give items or an amount, not both');
    if (!byItems && input.amount == null) throw badInput('amount', 'give items or an amount');
    if (input.method === PaymentMethod.CASH && !input.sessionId) {
      throw badInput('sessionId', 'a cash refund needs the open session of the drawer it is paid from');
    }
    const approval = await resolveRefundApproval(ctx, input);
    const { refundId } = await this.idempotency.run(
      ctx,
      { key: input.idempotencyKey, operation: 'createRefund', input: withoutApproval(input) },
      (tx) => this.refund(tx, input, reason, actor, approval),
    );
    return ctx.em.findOneOrFail(SaleRefund, { id: refundId, tenant: ctx.tenantId }, { refresh: true });
  }

  /** The refund, or null (unknown id, another tenant's). */
  async get(ctx: TenantContext, id: string): Promise<SaleRefund | null> {
    if (!isUuid(id)) return null;
    return ctx.em.findOne(SaleRefund, { id, tenant: ctx.tenantId });
  }

  private async refund(
    tx: TenantContext,
    input: CreateRefundInput,
    reason: string,
    actor: string,
    approval: Approval,
  ): Promise<{ refundId: string }> {
    const sale = await lockSale(tx, input.saleId);
    if (!REFUNDABLE.includes(sale.status)) {
      throw new DomainError(
        'SALE_NOT_EDITABLE',
        `The sale is ${sale.status.toLowerCase()}: only a completed sale can be refunded`,
      );
    }
    const session = input.sessionId ? await this.openSession(tx, input.sessionId) : null;
    // A refund happens at the refunding register's location (else, without a session, the sale's): restocked and counted there.
    const restockAt = session ? (await session.terminal.loadOrFail()).location.id : sale.locationId;
    const tenant = await currentTenant(tx);
    const digits = minorUnitDigits(tenant.currency);
    await tx.em.populate(sale, ['items'], { refresh: true });
    const earlier = await tx.em.find(SaleRefund, { tenant: tx.tenantId, saleId: sale.id });
    const unitsBefore = refundedUnits(earlier);

    let lines: RefundLine[] = [];
    let amount: Decimal;
    if (input.items?.length) {
      ({ lines, amount } = refundLinesFor(
        sale.items.getItems(),
        unitsBefore,
        input.items,
        digits,
        tenant.roundingMode,
      ));
    } else {
      amount = dec(input.amount!);
      if (!amount.gt(0)) throw badInput('amount', 'must be greater than 0');
      if (!hasAtMostDigits(amount, digits))
        throw badInput('amount', `must be a whole number of minor units (${digits} decimals)`);
    }
    const refundedBefore = sum(earlier.map((r) => r.amount));
    ({ amount, lines } = capToRefundable(
      amount,
      sale.paidAmount.minus(refundedBefore),
      lines,
      sale.roundingAdjustment,
    ));

    const refundId = randomUUID();
    // Past the tenant's window or threshold a manager approves (docs/approvals.md), before any money moves.
    const approvedById = refundApprover(
      tx,
      tenant.approvalPolicy,
      { id: refundId, completedAt: sale.completedAt, amount, digits },
      approval,
    );
    const gateway = await this.tenders
      .for(input.method)
      .refund(tx, { sale, method: input.method, amount, idempotencyKey: input.idempotencyKey });

    const returned = lines
      .filter((l) => l.returnToStock)
      .map((l) => ({ line: l, item: sale.items.getItems().find((i) => i.id === l.saleItemId)! }))
      .sort((a, b) => (a.item.productId < b.item.productId ? -1 : a.item.productId > b.item.productId ? 1 : 0));
    await this.stock.restockAll(
      tx,
      returned.map(({ line, item }) => ({
        productId: item.productId,
        locationId: restockAt,
        quantity: line.quantity,
        unitCost: item.unitCost ?? ZERO,
        referenceType: StockReferenceType.REFUND,
        referenceId: refundId,
        actorId: actor,
        reason,
      })),
    );

    const now = new Date();
    const refund = tx.em.create(SaleRefund, {
      id: refundId,
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      refundNumber: await nextRefundNumber(tx),
      saleId: sale.id,
      locationId: restockAt,
      amount,
      method: input.method,
      status: PaymentStatus.COMPLETED,
      reason,
      items: lines,
      sessionId: session?.id ?? null,
      transactionRef: gateway.transactionRef,
      gatewayResponse: gateway.raw,
      processedAt: now,
      processedById: actor,
      approvedById,
      createdAt: now,
    });
    tx.services.audit.record(tx, {
      type: 'refund.created',
      subjectType: 'Refund',
      subjectId: refundId,
      data: { saleId: sale.id, amount: amount.toFixed(digits), method: input.method, reason, approverId: approvedById },
    });
    const unitsAfter = refundedUnits([...earlier, { items: lines }]);
    const allUnitsBack = sale.items.getItems().every((item) => (unitsAfter.get(item.id) ?? 0) >= item.quantity);
    const allMoneyBack = refundedBefore.plus(amount).gte(sale.paidAmount);
    moveSale(sale, allUnitsBack || allMoneyBack ? SaleStatus.REFUNDED : SaleStatus.PARTIALLY_REFUNDED, now);
    await tx.em.flush();
    if (input.method === PaymentMethod.CASH && session) {
      await tx.services.hardwareCommands.cashRefunded(tx, session.terminal.id, sale.id); // the paying drawer opens
    }
    if (sale.completedAt) {
      await enqueueDailySummary(tx, {
        tenantId: tx.tenantId,
        locationId: sale.locationId,
        saleId: sale.id,
        completedAt: sale.completedAt.toISOString(),
      });
    }
    await emitRefundCreated(tx, refund);
    return { refundId };
  }

  private async openSession(tx: TenantContext, sessionId: string): Promise<PosSession> {
    const session = isUuid(sessionId)
      ? await tx.em.findOne(
          PosSession,
          { id: sessionId, tenant: tx.tenantId },
          { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
        )
      : null;
    if (!session) throw notFound('Session', sessionId);
    assertSessionOpen(session.status, 'The refunding session is not open');
    return session;
  }
}
