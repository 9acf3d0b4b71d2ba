import Decimal from 'decimal.js';
import { TenantContext } from '../../../context';
import { PosTerminal, Product, Sale, SalePayment, Tenant } from '../../../entities';
import type { OfflineWarning } from '../../../entities/offline-sale.entity';
import { PaymentStatus } from '../../../entities/payment-enums';
import { PaymentMethod, SaleStatus } from '../../../entities/sale-enums';
import { badInput } from '../../../errors';
import { changeFor } from '../../../money/cash';
import { minorUnitDigits } from '../../../money/currency';
import { sum, ZERO } from '../../../money/decimal';
import { applyCartTotals, totalsSettings } from '../../../money/sale-totals';
import { newSaleLine } from '../cart/sale-line';
import { lastFour } from '../payments/gateway-calls';
import type { OfflineDiscount, OfflinePayment, OfflineSaleData } from './offline-inputs';

/** Built, not persisted: the caller persists what it accepts. */
const NOT_YET = { persist: false };

/** A register's clock may run this far ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface BuiltSale {
  sale: Sale;
  payments: SalePayment[];
  warnings: OfflineWarning[];
}

/**
 * The sale a register made offline as the server records it, not yet
 * flushed: its lines at the prices the register charged (name, sku and tax
 * rate from the product), its figures from the one calculator
 * (sale-totals.ts), its payments as tendered. What was charged stands: the
 * register's total is compared, never imposed; `roundingAdjustment` takes
 * paid - total (cash rounding, or a difference that is then flagged), so the
 * sale is paid in full as it was at the till. Bad input is BAD_USER_INPUT,
 * found before anything is created. Nothing is persisted: the caller
 * persists the sale, its lines and payments once it accepts the sale.
 */
export function buildOfflineSale(
  tx: TenantContext,
  context: { tenant: Tenant; terminal: PosTerminal; products: Map<string, Product>; now: Date },
  data: OfflineSaleData,
): BuiltSale {
  const { tenant, terminal, products } = context;
  checkTimes(data, context.now);
  if (new Set(data.items.map((l) => l.productId)).size !== data.items.length)
    throw badInput('items', 'a product is listed twice: one line per product');
  data.payments.forEach(checkPayment);
  const warnings: OfflineWarning[] = [];
  const tenantRef = tx.em.getReference(Tenant, tx.tenantId);
  const sale = tx.em.create(
    Sale,
    {
      id: data.clientId,
      tenant: tenantRef,
      status: SaleStatus.DRAFT,
      terminalId: terminal.id,
      sessionId: data.sessionId,
      locationId: terminal.location.id,
      cashierId: data.cashierId,
      customerId: data.customerId ?? null,
      ...discountFields(data.cartDiscount),
      subtotal: ZERO,
      discountAmount: ZERO,
      taxAmount: ZERO,
      totalAmount: ZERO,
      paidAmount: ZERO,
      changeAmount: ZERO,
      roundingAdjustment: ZERO,
      version: 1,
      createdAt: data.createdAt,
      updatedAt: context.now,
    },
    NOT_YET,
  );
  data.items.forEach((line, i) => {
    const product = products.get(line.productId)!;
    if (!line.unitPrice.eq(product.price)) {
      warnings.push({
        code: 'PRICE_MISMATCH',
        message: `${product.sku} was charged ${line.unitPrice.toFixed()}; the catalogue price is ${product.price.toFixed()}`,
        productId: product.id,
      });
    }
    if (!product.isActive)
      warnings.push({ code: 'PRODUCT_INACTIVE', message: `${product.sku} is inactive`, productId: product.id });
    sale.items.add(
      newSaleLine(
        tx,
        sale,
        product,
        {
          lineNo: i + 1,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          createdAt: data.createdAt,
          discount: discountFields(line.discount),
        },
        NOT_YET,
      ),
    );
  });
  applyCartTotals(sale, sale.items.getItems(), totalsSettings(tenant));
  const minorUnit = new Decimal(10).pow(-minorUnitDigits(tenant.currency));
  if (data.totalAmount.minus(sale.totalAmount).abs().gt(minorUnit)) {
    warnings.push({
      code: 'TOTAL_MISMATCH',
      message: `The register's total ${data.totalAmount.toFixed()} differs from the server's ${sale.totalAmount.toFixed()}`,
    });
  }
  const payments = data.payments.map((p) => paymentRow(tx, sale, data, p));
  const paid = sum(payments.map((p) => p.amount));
  const cashAllowance = payments.some((p) => p.method === PaymentMethod.CASH)
    ? tenant.cashRoundingIncrement.div(2)
    : ZERO;
  if (paid.minus(data.totalAmount).abs().gt(cashAllowance)) {
    warnings.push({
      code: 'PAID_MISMATCH',
      message: `The payments (${paid.toFixed()}) do not settle the register's total ${data.totalAmount.toFixed()}`,
    });
  }
  const methods = new Set(payments.map((p) => p.method));
  Object.assign(sale, {
    paidAmount: paid,
    changeAmount: sum(payments.map((p) => p.changeGiven ?? ZERO)),
    roundingAdjustment: paid.minus(sale.totalAmount),
    paymentMethod: methods.size > 1 ? PaymentMethod.SPLIT : (payments[0]?.method ?? null),
  });
  return { sale, payments, warnings };
}

function checkTimes(data: OfflineSaleData, now: Date): void {
  const created = data.createdAt.getTime();
  const completed = data.completedAt.getTime();
  if (Number.isNaN(created) || Number.isNaN(completed)) throw badInput('completedAt', 'must be a valid time');
  if (completed < created) throw badInput('completedAt', 'is before createdAt');
  if (completed > now.getTime() + CLOCK_SKEW_MS) throw badInput('completedAt', 'is in the future');
}

function discountFields(discount: OfflineDiscount | null | undefined) {
  const on = discount && !discount.value.isZero();
  return {
    discountType: on ? discount.type : null,
    discountValue: on ? discount.value : null,
    discountReason: on ? discount.reason?.trim() || null : null,
  };
}

/** Store credit is refused: an offline register cannot know the balance. */
function checkPayment(p: OfflinePayment, i: number): void {
  const field = `payments.${i}`;
  if (p.method === PaymentMethod.SPLIT || p.method === PaymentMethod.CREDIT)
    throw badInput(`${field}.method`, `${p.method} cannot be taken offline`);
  const cash = p.method === PaymentMethod.CASH;
  if (!cash && !p.reference?.trim()) throw badInput(`${field}.reference`, `is required for ${p.method}`);
  if (cash && p.receivedAmount && p.receivedAmount.lt(p.amount))
    throw badInput(`${field}.receivedAmount`, 'is less than the amount');
}

/**
 * A tender as the register took it (checked by `checkPayment`): no gateway
 * call (the reader already approved it offline); its reference is kept as
 * the transaction reference, its last 4 characters as the reference (as online).
 */
function paymentRow(tx: TenantContext, sale: Sale, data: OfflineSaleData, p: OfflinePayment): SalePayment {
  const reference = p.reference?.trim() || null;
  const cash = p.method === PaymentMethod.CASH;
  const received = cash ? (p.receivedAmount ?? p.amount) : null;
  const card = p.method === PaymentMethod.CARD || p.method === PaymentMethod.MOBILE_WALLET;
  return tx.em.create(
    SalePayment,
    {
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      saleId: sale.id,
      sessionId: data.sessionId,
      method: p.method,
      status: PaymentStatus.COMPLETED,
      amount: p.amount,
      receivedAmount: received,
      changeGiven: received ? changeFor(received, p.amount) : null,
      refundedAmount: ZERO,
      reference: card ? lastFour(reference!) : reference,
      transactionRef: card ? reference : null,
      gatewayResponse: { offline: true },
      notes: 'taken offline',
      processedById: data.cashierId,
      processedAt: data.completedAt,
      createdAt: data.completedAt,
    },
    NOT_YET,
  );
}
