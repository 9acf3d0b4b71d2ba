import Decimal from 'decimal.js';
import { TenantContext } from '../../../context';
import { Location, PosTerminal, Sale, SalePayment, SaleRefund, Tenant, User } from '../../../entities';
import { PaymentStatus } from '../../../entities/payment-enums';
import { PaymentMethod, SaleStatus } from '../../../entities/sale-enums';
import { badInput, notFound } from '../../../errors';
import { minorUnitDigits } from '../../../money/currency';
import { dec, formatDecimal, sum } from '../../../money/decimal';
import { roundMoney } from '../../../money/rounding';
import { enqueueReceiptEmail } from '../checkout/checkout-jobs';
import { isUuid } from '../../core/ids';
import { lastFour } from '../payments/gateway-calls';
import { ReceiptData, ReceiptStatus } from '../../../receipt/receipt-data';
import { renderReceiptText } from '../../../receipt/render-text';
import { inTransaction } from '../../core/transaction';

/** What a receipt is made of; tenant, location and cashier are loaded unless the caller holds them. */
export interface ReceiptRows {
  sale: Sale;
  terminal: PosTerminal;
  payments: readonly SalePayment[];
  refunds: readonly SaleRefund[];
  known?: { tenant: Tenant; location: Location; cashierName: string };
}

function assertCompleted(sale: Sale): void {
  if (!sale.saleNumber || !sale.completedAt || !RECEIPT_STATUSES.includes(sale.status)) {
    throw badInput('saleId', 'the sale was never completed: it has no receipt');
  }
}

export const RECEIPT_FOOTER = 'Thank you for shopping with us!';

const RECEIPT_STATUSES: readonly string[] = [
  SaleStatus.COMPLETED,
  SaleStatus.VOIDED,
  SaleStatus.PARTIALLY_REFUNDED,
  SaleStatus.REFUNDED,
];

/**
 * A completed sale as `ReceiptData`, built from the database: the one source
 * of the `receipt` query, printed receipts and receipt emails. Every figure
 * is formatted here at the currency's minor unit; renderers only lay it out.
 */
export class ReceiptService {
  /**
   * The receipt of a sale that was completed (also once voided or refunded),
   * with its 42-column text. Errors: NOT_FOUND (unknown, another tenant's),
   * BAD_USER_INPUT (saleId: a cart, never completed).
   */
  async receipt(ctx: TenantContext, saleId: string): Promise<ReceiptData & { text: string }> {
    const data = await this.build(ctx, saleId);
    return { ...data, text: renderReceiptText(data) };
  }

  /** The structured receipt (see `receipt`). */
  async build(ctx: TenantContext, saleId: string): Promise<ReceiptData> {
    const sale = isUuid(saleId)
      ? await ctx.em.findOne(Sale, { id: saleId, tenant: ctx.tenantId }, { populate: ['items'] })
      : null;
    if (!sale) throw notFound('Sale', saleId);
    assertCompleted(sale);
    const terminal = await ctx.em.findOneOrFail(PosTerminal, { id: sale.terminalId, tenant: ctx.tenantId });
    const payments = await ctx.em.find(
      SalePayment,
      { tenant: ctx.tenantId, saleId: sale.id, status: { $ne: PaymentStatus.FAILED } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const refunds = await ctx.em.find(
      SaleRefund,
      { tenant: ctx.tenantId, saleId: sale.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return this.compose(ctx, { sale, terminal, payments, refunds });
  }

  /**
   * The receipt from rows a caller already holds (checkout, inside its
   * transaction: the sale with its lines, its terminal, its non-FAILED
   * payments and refunds, each oldest first); loads tenant, location and cashier.
   */
  async compose(ctx: TenantContext, rows: ReceiptRows): Promise<ReceiptData> {
    const { sale, terminal, payments, refunds } = rows;
    assertCompleted(sale);
    const { tenant, location, cashierName } = rows.known ?? (await this.receiptContext(ctx, sale));
    const digits = minorUnitDigits(tenant.currency);
    const money = (value: Decimal) => dec(value).toFixed(digits);
    const price = (value: Decimal) =>
      dec(value).decimalPlaces() <= digits ? dec(value).toFixed(digits) : dec(value).toFixed();
    const lines = [...sale.items.getItems()].sort((a, b) => a.lineNo - b.lineNo);

    const byRate = new Map<string, { rate: Decimal; taxable: Decimal[]; tax: Decimal[] }>();
    for (const line of lines) {
      const key = dec(line.taxRate).toFixed();
      const row = byRate.get(key) ?? { rate: dec(line.taxRate), taxable: [], tax: [] };
      row.taxable.push(line.lineTotal.minus(line.taxAmount));
      row.tax.push(line.taxAmount);
      byRate.set(key, row);
    }

    return {
      header: { tenantName: tenant.name, locationName: location.name, locationCode: location.code, address: null },
      saleNumber: sale.saleNumber!,
      terminalCode: terminal.code,
      cashierName,
      completedAt: sale.completedAt!.toISOString(),
      timezone: location.timezone,
      currency: tenant.currency,
      lines: lines.map((line) => ({
        name: line.productName,
        sku: line.productSku,
        quantity: line.quantity,
        unitPrice: price(line.unitPrice),
        grossAmount: money(roundMoney(line.unitPrice.times(line.quantity), digits, tenant.roundingMode)),
        discountAmount: money(line.discountAmount),
        lineTotal: money(line.lineTotal),
        taxRate: formatDecimal(line.taxRate),
      })),
      subtotal: money(sale.subtotal),
      discountAmount: money(sale.discountAmount),
      taxAmount: money(sale.taxAmount),
      totalAmount: money(sale.totalAmount),
      roundingAdjustment: money(sale.roundingAdjustment),
      taxBreakdown: [...byRate.values()]
        .sort((a, b) => b.rate.comparedTo(a.rate))
        .map((row) => ({
          rate: formatDecimal(row.rate),
          taxableAmount: money(sum(row.taxable)),
          taxAmount: money(sum(row.tax)),
        })),
      payments: payments.map((p) => ({
        method: p.method,
        amount: money(p.amount),
        ...(p.method === PaymentMethod.CASH
          ? { receivedAmount: money(p.receivedAmount ?? p.amount), changeGiven: money(p.changeGiven ?? dec(0)) }
          : {}),
        reference: lastFour(p.reference),
      })),
      changeAmount: money(sale.changeAmount),
      refunds: refunds.map((r) => ({
        refundNumber: r.refundNumber,
        amount: money(r.amount),
        method: r.method,
        at: r.processedAt.toISOString(),
      })),
      status: sale.status as ReceiptStatus,
      footer: RECEIPT_FOOTER,
    };
  }

  private async receiptContext(ctx: TenantContext, sale: Sale) {
    // One after another: callers may run this inside a transaction (one connection).
    const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
    const location = await ctx.em.findOneOrFail(Location, { id: sale.locationId, tenant: ctx.tenantId });
    const cashier = await ctx.em.findOne(User, { id: sale.cashierId, tenant: ctx.tenantId });
    return { tenant, location, cashierName: cashier?.name ?? '' };
  }

  /**
   * Queues the receipt email of a completed sale to `email` (the send runs in
   * the job queue, retried; docs/checkout.md). Errors as `receipt`.
   */
  async sendEmail(ctx: TenantContext, input: { saleId: string; email: string }): Promise<boolean> {
    await this.build(ctx, input.saleId);
    const email = input.email.trim().toLowerCase();
    await inTransaction(ctx, (tx) => enqueueReceiptEmail(tx, { tenantId: tx.tenantId, saleId: input.saleId, email }));
    return true;
  }
}
