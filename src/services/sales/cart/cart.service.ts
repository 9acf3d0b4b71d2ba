import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import { SaleStatus } from '../../../entities/sale-enums';
import { badInput, DomainError } from '../../../errors';
import { CustomerService } from '../../catalog/customer.service';
import { inTransaction } from '../../core/transaction';
import { ReservationService } from '../../inventory/reservations.service';
import { TerminalService } from '../../sessions/terminal.service';
import { lockSale } from '../checkout/checkout-locks';
import { CartEditor } from './cart-edit';
import type {
  AddCartItemInput,
  ApplyItemDiscountInput,
  CreateCartInput,
  DiscountInput,
  OverrideItemPriceInput,
  RemoveCartItemInput,
  ResumeCartInput,
  SetCartCustomerInput,
  UpdateCartItemInput,
  Versioned,
} from './cart-inputs';
import { CartOpening } from './cart-opening';
import { CartParking } from './cart-parking';
import { CartPriceOverride } from './cart-price-override';
import { findCart, parkedCarts } from './cart-queries';
import {
  assertEditable,
  assertQuantity,
  assertVersion,
  discountReason,
  lineOf,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  productKey,
  requireProduct,
  setDiscount,
} from './cart-rules';
import { resolveApprover } from './discount-approval';
import { newSaleLine } from './sale-line';

export { MAX_CART_LINES, MAX_LINE_QUANTITY } from './cart-rules';
export { MAX_PARKED_CARTS } from './cart-queries';

/**
 * Carts: draft sales with stock reservations, discounts and parking.
 *
 * Every mutation is one transaction that first locks the sale row
 * (SELECT ... FOR UPDATE: concurrent edits of one cart serialize), then the
 * session row FOR SHARE, then stock levels through the stock service (its
 * lock order). It checks the client's `version` (CONFLICT when stale), keeps
 * each line's reservation equal to its quantity, recomputes the totals with
 * the one calculator (sale-totals.ts), refreshes `expiresAt` and the
 * reservations' expiry, bumps `version`, and publishes a cart event after
 * commit. Bad input is BAD_USER_INPUT naming the field, with nothing written.
 */
export class CartService {
  private readonly editor: CartEditor;
  private readonly opening: CartOpening;
  private readonly parking: CartParking;
  private readonly priceOverride: CartPriceOverride;

  constructor(
    private readonly reservations: ReservationService,
    private readonly terminals: TerminalService,
    private readonly customers: CustomerService,
  ) {
    this.editor = new CartEditor(reservations);
    this.opening = new CartOpening(terminals, customers);
    this.parking = new CartParking(this.editor, reservations, terminals);
    this.priceOverride = new CartPriceOverride(this.editor);
  }

  /** Opens a cart (cart-opening.ts). */
  create(ctx: TenantContext, input: CreateCartInput): Promise<Sale> {
    return this.opening.create(ctx, input);
  }

  /** The sale (any status) with its lines, or null (also for another tenant's id). */
  get(ctx: TenantContext, id: string): Promise<Sale | null> {
    return findCart(ctx, id);
  }

  /** Parked carts of the tenant, oldest first, optionally of one terminal and/or location. */
  parked(ctx: TenantContext, filter: { terminalId?: string | null; locationId?: string | null }): Promise<Sale[]> {
    return parkedCarts(ctx, filter);
  }

  /**
   * Adds `quantity` units of the product named by exactly one of productId,
   * sku or barcode; a product already on the cart grows its line. A new line
   * snapshots name, sku, attributes, price and tax rate. Reserves the units,
   * unless `reserve` is false (only checks they are available): a cart
   * completed in the same transaction (the one-request checkout) would
   * otherwise hold the shared stock row locked from its first item to its
   * commit, and its completion takes the units under that lock anyway.
   * Errors: NOT_FOUND (cart, product), INSUFFICIENT_STOCK, SALE_NOT_EDITABLE,
   * SESSION_NOT_OPEN, CONFLICT, BAD_USER_INPUT (quantity, product key, inactive
   * product, too many lines).
   */
  async addItem(ctx: TenantContext, input: AddCartItemInput, options: { reserve?: boolean } = {}): Promise<Sale> {
    assertQuantity(input.quantity);
    const key = productKey(input);
    return this.editor.edit(
      ctx,
      input,
      'ITEM_ADDED',
      async (tx, state) => {
        const { sale } = state;
        const product = requireProduct(key, state.product);
        const line = sale.items.getItems().find((item) => item.productId === product.id);
        const quantity = (line?.quantity ?? 0) + input.quantity;
        if (quantity > MAX_LINE_QUANTITY) {
          throw badInput('quantity', `the line would hold ${quantity} units; at most ${MAX_LINE_QUANTITY} per line`);
        }
        if (!line && sale.items.length >= MAX_CART_LINES)
          throw badInput('productId', `a cart holds at most ${MAX_CART_LINES} lines`);
        const stockStep =
          options.reserve === false
            ? this.editor.availabilityStep(sale, product.id, quantity)
            : this.editor.reserveStep(sale, product.id, quantity);
        if (line) {
          line.quantity = quantity;
          return stockStep;
        }
        sale.items.add(
          newSaleLine(tx, sale, product, {
            lineNo: Math.max(0, ...sale.items.getItems().map((i) => i.lineNo)) + 1,
            quantity,
            unitPrice: product.price,
            createdAt: new Date(),
          }),
        );
        return stockStep;
      },
      { product: key },
    );
  }

  /**
   * Sets a line's quantity (1..MAX_LINE_QUANTITY; removing is removeItem) and
   * its reservation with it. Errors as addItem, NOT_FOUND for the item.
   */
  async updateItem(ctx: TenantContext, input: UpdateCartItemInput): Promise<Sale> {
    assertQuantity(input.quantity);
    return this.editor.edit(ctx, input, 'ITEM_UPDATED', async (tx, { sale }) => {
      const line = lineOf(sale, input.itemId);
      if (line.quantity === input.quantity) return;
      line.quantity = input.quantity;
      return this.editor.reserveStep(sale, line.productId, input.quantity);
    });
  }

  /** Removes a line and releases its reservation. Errors: NOT_FOUND (cart, item), as addItem. */
  async removeItem(ctx: TenantContext, input: RemoveCartItemInput): Promise<Sale> {
    return this.editor.edit(ctx, input, 'ITEM_REMOVED', async (tx, { sale }) => {
      const line = lineOf(sale, input.itemId);
      await this.reservations.release(tx, { referenceId: sale.id, productId: line.productId });
      sale.items.remove(line);
      tx.em.remove(line);
    });
  }

  /**
   * Sets (value 0: removes) a line's discount. Above the tenant's approval
   * threshold (percent of the line's gross) it needs a manager's approval
   * (the caller's own role, a PIN or an approver token), recorded on the line.
   * Errors: DISCOUNT_APPROVAL_REQUIRED, BAD_USER_INPUT (value > 100 % or above
   * the line, reason missing), as addItem.
   */
  async applyItemDiscount(ctx: TenantContext, input: ApplyItemDiscountInput): Promise<Sale> {
    const reason = discountReason(input);
    const approval = await resolveApprover(ctx, input);
    return this.editor.edit(
      ctx,
      input,
      'DISCOUNT_APPLIED',
      async (_tx, { sale }) => setDiscount(lineOf(sale, input.itemId), input, reason),
      {
        approval,
      },
    );
  }

  /**
   * Sets (value 0: removes) the cart discount, allocated over the lines
   * (docs/money.md step 4). Approval as applyItemDiscount, against the percent of
   * the lines' net total; recorded on the sale.
   */
  async applyCartDiscount(ctx: TenantContext, input: DiscountInput): Promise<Sale> {
    const reason = discountReason(input);
    const approval = await resolveApprover(ctx, input);
    return this.editor.edit(ctx, input, 'DISCOUNT_APPLIED', async (_tx, { sale }) => setDiscount(sale, input, reason), {
      approval,
    });
  }

  /** A line's new unit price with a reason and, where needed, a manager's approval (cart-price-override.ts). */
  overrideItemPrice(ctx: TenantContext, input: OverrideItemPriceInput): Promise<Sale> {
    return this.priceOverride.override(ctx, input);
  }

  async setCustomer(ctx: TenantContext, input: SetCartCustomerInput): Promise<Sale> {
    return this.editor.edit(ctx, input, 'CUSTOMER_SET', async (tx, { sale }) => {
      sale.customerId = input.customerId != null ? (await this.customers.get(tx, input.customerId)).id : null;
    });
  }

  /** Takes a cart with items off the register, its reservations kept (cart-parking.ts). */
  park(ctx: TenantContext, input: Versioned): Promise<Sale> {
    return this.parking.park(ctx, input);
  }

  /** Puts a parked cart on a register of its location (cart-parking.ts). */
  resume(ctx: TenantContext, input: ResumeCartInput): Promise<Sale> {
    return this.parking.resume(ctx, input);
  }

  /**
   * Abandons a cart: releases every reservation and marks it VOIDED
   * ("cleared"); its lines stay for the record. Clearing a voided cart is a
   * no-op. Errors: NOT_FOUND, CONFLICT (stale version), SALE_NOT_EDITABLE
   * (completed or refunded, or payments made: void it instead).
   */
  async clear(ctx: TenantContext, input: Versioned): Promise<boolean> {
    const userId = userIdOf(ctx);
    return inTransaction(ctx, async (tx) => {
      const sale = await lockSale(tx, input.cartId, 'Cart');
      if (sale.status === SaleStatus.VOIDED) return true;
      assertEditable(sale);
      assertVersion(sale, input.version);
      if (sale.paidAmount.gt(0))
        throw new DomainError('SALE_NOT_EDITABLE', 'A cart with payments cannot be cleared: void it');
      await this.editor.abandon(tx, sale, { voidedById: userId, voidReason: 'cleared' }, 'CLEARED');
      return true;
    });
  }

  /**
   * For the expiry job: voids the cart ("expired") and releases its
   * reservations if, under its row lock, it is still an unpaid DRAFT/PENDING
   * cart whose expiresAt is at or before `now`. Returns whether it did.
   */
  async expire(ctx: TenantContext, cartId: string, now: Date): Promise<boolean> {
    return inTransaction(ctx, async (tx) => {
      const sale = await tx.em.findOne(
        Sale,
        { id: cartId, tenant: tx.tenantId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      const due =
        sale &&
        (sale.status === SaleStatus.DRAFT || sale.status === SaleStatus.PENDING) &&
        sale.paidAmount.isZero() &&
        sale.expiresAt != null &&
        sale.expiresAt <= now;
      if (!due) return false;
      await this.editor.abandon(tx, sale, { voidedById: null, voidReason: 'expired' }, 'EXPIRED');
      return true;
    });
  }
}
