import Decimal from 'decimal.js';
import type { SaleItem } from '../../../entities/sale-item.entity';
import type { Product } from '../../../entities/product.entity';
import type { Sale } from '../../../entities/sale.entity';
import { CART_STATUSES, DiscountType } from '../../../entities/sale-enums';
import { badInput, DomainError, notFound } from '../../../errors';
import { CartTotals } from '../../../money/cart-totals';
import { sum } from '../../../money/decimal';
import { discountPercentOf } from '../../../money/discounts';
import { Approval, requireApprover } from './discount-approval';

/*
 * The cart's rules that need no I/O: limits, input checks, and which
 * discounts need an approver. cart.service.ts applies them under its locks.
 */

/** Units of one product on one line (docs/cart.md). */
export const MAX_LINE_QUANTITY = 9999;
/** Lines on one cart. */
export const MAX_CART_LINES = 200;

/** A discount as a cart mutation sets it (value 0 removes it). */
export interface DiscountChange {
  type: DiscountType;
  value: Decimal;
  reason?: string | null;
}

/** The product key of addCartItem (exactly one of them). */
export interface ProductKeyInput {
  productId?: string | null;
  sku?: string | null;
  barcode?: string | null;
}

export interface ProductKey {
  field: 'productId' | 'sku' | 'barcode';
  value: string;
}

export function productKey(input: ProductKeyInput): ProductKey {
  const given = (['productId', 'sku', 'barcode'] as const)
    .map((field) => ({ field, value: input[field]?.trim() }))
    .filter((k): k is ProductKey => !!k.value);
  if (given.length !== 1) throw badInput('productId', 'give exactly one of productId, sku or barcode');
  return given[0];
}

/** The product a key named: NOT_FOUND when the tenant has none, BAD_USER_INPUT when it is inactive. */
export function requireProduct(key: ProductKey, product: Product | null): Product {
  if (!product)
    throw new DomainError('NOT_FOUND', `No product with ${key.field} ${key.value}`, {
      entity: 'Product',
      field: key.field,
    });
  if (!product.isActive) throw badInput(key.field, `product ${product.sku} is inactive`);
  return product;
}

export function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw badInput('quantity', `must be a whole number from 1 to ${MAX_LINE_QUANTITY}`);
  }
}

export function assertEditable(sale: Sale): void {
  if (!CART_STATUSES.includes(sale.status)) {
    throw new DomainError('SALE_NOT_EDITABLE', `The sale is ${sale.status.toLowerCase()} and can no longer change`);
  }
}

export function assertVersion(sale: Sale, version: number | null | undefined): void {
  if (version != null && version !== sale.version) {
    throw new DomainError(
      'CONFLICT',
      `The cart has changed (version ${sale.version}, you sent ${version}): reload it`,
      {
        version: sale.version,
      },
    );
  }
}

export function lineOf(sale: Sale, itemId: string): SaleItem {
  const line = sale.items.getItems().find((item) => item.id === itemId);
  if (!line) throw notFound('Cart item', itemId);
  return line;
}

export function discountReason(input: DiscountChange): string | null {
  const reason = input.reason?.trim() || null;
  if (!input.value.isZero() && !reason) throw badInput('reason', 'is required for a discount');
  return reason;
}

/** A new discount (or its removal) on a line or the cart; any earlier approval no longer applies. */
export function setDiscount(holder: Sale | SaleItem, input: DiscountChange, reason: string | null): void {
  const off = input.value.isZero();
  holder.discountType = off ? null : input.type;
  holder.discountValue = off ? null : input.value;
  holder.discountReason = off ? null : reason;
  holder.discountApprovedById = null;
}

/**
 * Every discount above the threshold (percent of its line's gross, or of the
 * lines' net total for the cart discount) must carry an approver: one already
 * recorded stands; a missing one is taken from this call's approval or the
 * change is DISCOUNT_APPROVAL_REQUIRED. So a change that pushes an existing
 * discount over the threshold (fewer units under a fixed discount) needs one too.
 */
export function enforceApprovals(
  sale: Sale,
  items: readonly SaleItem[],
  totals: CartTotals,
  threshold: Decimal,
  approval: Approval,
): void {
  const approve = (amount: Decimal, base: Decimal, approvedBy: string | null | undefined): string | null => {
    const percent = discountPercentOf(amount, base);
    if (!percent.gt(threshold)) return approvedBy ?? null;
    return approvedBy ?? requireApprover(approval, percent.toDecimalPlaces(2).toFixed(), threshold.toFixed());
  };
  const lines = [...items].sort((a, b) => a.lineNo - b.lineNo);
  lines.forEach((item, i) => {
    item.discountApprovedById = approve(totals.lines[i].itemDiscount, totals.lines[i].gross, item.discountApprovedById);
  });
  const net = sum(totals.lines.map((l) => l.gross.minus(l.itemDiscount)));
  sale.discountApprovedById = approve(totals.sale.cartDiscountAmount, net, sale.discountApprovedById);
}
