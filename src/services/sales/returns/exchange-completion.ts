import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../../context';
import { Sale, SalePayment, SaleRefund, Tenant } from '../../../entities';
import { PaymentStatus } from '../../../entities/payment-enums';
import { PaymentMethod, SaleStatus } from '../../../entities/sale-enums';
import { badInput, DomainError } from '../../../errors';
import { amountDue } from '../../../money/cash';
import { minorUnitDigits } from '../../../money/currency';
import { dec, ZERO } from '../../../money/decimal';
import { exchangeBalance } from '../../../money/exchange';
import { refundedUnits } from '../../../money/refund-amounts';
import { nextRefundNumber } from '../../core/numbering';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { emitRefundCreated } from '../../webhooks/domain-events';
import { lockSale } from '../checkout/checkout-locks';
import { enqueueDailySummary } from '../checkout/checkout-jobs';
import { GATEWAY_METHODS } from '../payments/tenders/gateway-tender';
import type { Tenders } from '../payments/tenders';
import { addStoreCredit } from '../payments/tenders/store-credit';
import { moveSale } from '../sale-lifecycle';
import { postReturnedLines } from './return-posting';

/**
 * How the store pays out an exchange whose returned goods are worth more than
 * the new ones: cash, store credit, or back to the card (or wallet) that paid
 * for the returned goods.
 */
export const PAYOUT_METHODS: readonly PaymentMethod[] = [PaymentMethod.CASH, PaymentMethod.CREDIT, ...GATEWAY_METHODS];

/**
 * An exchange's return, in the completing transaction of its sale
 * (docs/returns.md, "How it is recorded"): the returned value is applied
 * to the sale as a payment of the refund's method and refunded in full by
 * that method, so the money that crosses the counter is the net, reports
 * see a sale and a refund (never a negative sale), and the drawer moves by
 * the net. Method: CASH when the customer paid the difference (the two legs
 * cancel in the drawer); the payout method when the store owes (CASH from
 * the drawer, cash-rounded on the net; CREDIT; or CARD / MOBILE_WALLET: the
 * net goes back through the gateway to that method's payments of the sale the
 * returned lines came from, under the key `exchange:<sale id>`, so a retried
 * completion refunds once). One refund, numbered in the refunds' series,
 * restocks the cart's location.
 */
export async function postExchangeReturn(
  tx: TenantContext,
  stock: StockLedgerService,
  sale: Sale,
  tenant: Tenant,
  tenders: Tenders,
  options: { actorId: string; payoutMethod?: PaymentMethod | null },
): Promise<void> {
  if (!sale.returnLines.length) return;
  const due = amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount);
  const owed = due.isNeg();
  const method = owed ? (options.payoutMethod ?? PaymentMethod.CASH) : PaymentMethod.CASH;
  if (!PAYOUT_METHODS.includes(method))
    throw badInput('payoutMethod', 'an exchange pays out as CASH, CREDIT, CARD or MOBILE_WALLET');
  if (method === PaymentMethod.CREDIT && !sale.customerId) {
    throw badInput('payoutMethod', 'store credit needs a customer on the sale');
  }
  const returned = sale.returnAmount;
  // Owed: the returned goods pay the whole sale, rounded on the net when cash; else they pay their own value.
  const rounding = owed
    ? exchangeBalance(sale.totalAmount, returned, {
        cash: method === PaymentMethod.CASH,
        cashRoundingIncrement: tenant.cashRoundingIncrement,
      }).roundingAdjustment
    : ZERO;
  const applied = owed ? sale.totalAmount.plus(rounding).minus(sale.paidAmount) : returned;

  const original = await originalSale(tx, sale);
  const toGateway = GATEWAY_METHODS.includes(method);
  if (toGateway && !original) {
    throw badInput(
      'payoutMethod',
      `a ${method} pay-out goes back to the sale the returned goods came from: none is linked`,
    );
  }
  const refundId = randomUUID();
  const now = new Date();
  tx.em.create(SalePayment, {
    id: randomUUID(),
    tenant: tx.em.getReference(Tenant, tx.tenantId),
    saleId: sale.id,
    sessionId: sale.sessionId,
    method,
    status: PaymentStatus.COMPLETED,
    amount: applied,
    receivedAmount: method === PaymentMethod.CASH ? applied : null,
    changeGiven: method === PaymentMethod.CASH ? ZERO : null,
    refundedAmount: ZERO,
    reference: `exchange ${refundId}`,
    processedById: options.actorId,
    processedAt: now,
    createdAt: now,
  });
  sale.paidAmount = sale.paidAmount.plus(applied);
  sale.roundingAdjustment = sale.roundingAdjustment.plus(rounding);
  sale.paymentMethod = sale.paymentMethod && sale.paymentMethod !== method ? PaymentMethod.SPLIT : method;
  sale.returnAmount = ZERO;
  if (method === PaymentMethod.CREDIT) await addStoreCredit(tx, sale.customerId!, returned.minus(applied));
  const paidBack = toGateway
    ? await tenders.for(method).refund(tx, {
        sale: original!,
        method,
        amount: returned.minus(applied),
        idempotencyKey: `exchange:${sale.id}`,
      })
    : null;

  const items = await postReturnedLines(
    tx,
    stock,
    { refundId, locationId: sale.locationId, actorId: options.actorId, reason: 'exchange' },
    sale.returnLines.map((l) => ({
      saleItemId: l.saleItemId,
      productId: l.productId,
      quantity: l.quantity,
      amount: dec(l.amount),
      taxAmount: dec(l.taxAmount),
      unitPrice: dec(l.unitPrice),
      unitCost: dec(l.unitCost),
      returnToStock: l.returnToStock,
      reason: l.reason,
    })),
  );
  const refund = tx.em.create(SaleRefund, {
    id: refundId,
    tenant: tx.em.getReference(Tenant, tx.tenantId),
    refundNumber: await nextRefundNumber(tx),
    saleId: original?.id ?? null,
    exchangeSaleId: sale.id,
    locationId: sale.locationId,
    amount: returned,
    method,
    status: PaymentStatus.COMPLETED,
    reason: 'exchange',
    items,
    sessionId: sale.sessionId,
    customerId: method === PaymentMethod.CREDIT ? sale.customerId : null,
    transactionRef: paidBack?.transactionRef ?? null,
    gatewayResponse: paidBack?.raw ?? null,
    approvedById: sale.returnLines.find((l) => l.approvedById)?.approvedById ?? null,
    processedAt: now,
    processedById: options.actorId,
    createdAt: now,
  });
  tx.services.audit.record(tx, {
    type: 'refund.created',
    subjectType: 'Refund',
    subjectId: refundId,
    data: {
      exchangeSaleId: sale.id,
      saleId: original?.id ?? null,
      amount: returned.toFixed(minorUnitDigits(tenant.currency)),
      method,
      reason: 'exchange',
    },
  });
  if (original) await settleOriginal(tx, original, refund, now);
  await tx.em.flush();
  await emitRefundCreated(tx, refund);
}

/** The sale the linked lines came from, locked after the exchange's own sale (the order refunds lock in). */
async function originalSale(tx: TenantContext, sale: Sale): Promise<Sale | null> {
  const saleId = sale.returnLines.find((l) => l.saleId)?.saleId;
  if (!saleId) return null;
  const original = await lockSale(tx, saleId);
  await tx.em.populate(original, ['items'], { refresh: true });
  return original;
}

/** Re-checks the units still refundable under the lock and moves the original sale to (PARTIALLY_)REFUNDED. */
async function settleOriginal(tx: TenantContext, original: Sale, refund: SaleRefund, now: Date): Promise<void> {
  const { items: lines, amount } = refund;
  if (![SaleStatus.COMPLETED, SaleStatus.PARTIALLY_REFUNDED].includes(original.status)) {
    throw new DomainError('SALE_NOT_EDITABLE', `The returned goods' sale is ${original.status.toLowerCase()}`);
  }
  const earlier = (await tx.em.find(SaleRefund, { tenant: tx.tenantId, saleId: original.id })).filter(
    (r) => r.id !== refund.id,
  );
  const before = refundedUnits(earlier);
  const after = refundedUnits([...earlier, { items: lines }]);
  for (const item of original.items.getItems()) {
    if ((after.get(item.id) ?? 0) > item.quantity) {
      throw new DomainError(
        'REFUND_EXCEEDS_SALE',
        `Only ${item.quantity - (before.get(item.id) ?? 0)} units are left to return`,
      );
    }
  }
  const refundedBefore = earlier.reduce((s, r) => s.plus(r.amount), ZERO);
  const allUnits = original.items.getItems().every((i) => (after.get(i.id) ?? 0) >= i.quantity);
  const allMoney = refundedBefore.plus(amount).gte(original.paidAmount);
  moveSale(original, allUnits || allMoney ? SaleStatus.REFUNDED : SaleStatus.PARTIALLY_REFUNDED, now);
  if (original.completedAt) {
    await enqueueDailySummary(tx, {
      tenantId: tx.tenantId,
      locationId: original.locationId,
      saleId: original.id,
      completedAt: original.completedAt.toISOString(),
    });
  }
}
