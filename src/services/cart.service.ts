import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../auth/device-access';
import { TenantContext } from '../context';
import { PosSession, Product, Sale, SaleItem, Tenant } from '../entities';
import { PosSessionStatus } from '../entities/pos-session.entity';
import { CART_STATUSES, SaleStatus } from '../entities/sale-enums';
import { badInput, DomainError, notFound } from '../errors';
import { ZERO } from '../money/decimal';
import { CartEvent, DisplayStore, publishCartChanged } from './cart-events';
import { CustomerService } from './customer.service';
import {
  assertEditable,
  assertQuantity,
  assertVersion,
  DiscountChange,
  discountReason,
  enforceApprovals,
  lineOf,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  ProductKey,
  productKey,
  setDiscount,
} from './cart-rules';
import { Approval, ApprovalInput, auditNewApprovals, recordedApprovers, resolveApprover } from './discount-approval';
import { isUuid } from './ids';
import { applyCartTotals, totalsSettings } from './sale-totals';
import { StockService } from './stock.service';
import { assertSessionOpen, loadLockedSale } from './sale-load';
import { TerminalService } from './terminal.service';
import { inTransaction } from './transaction';

export { MAX_CART_LINES, MAX_LINE_QUANTITY } from './cart-rules';

/** How many parked carts one parkedCarts call returns (oldest first). */
export const MAX_PARKED_CARTS = 200;

interface Versioned {
  cartId: string;
  /** The version the client last saw; a stale one is CONFLICT. Omitted: no check. */
  version?: number | null;
}

export interface CreateCartInput {
  terminalId: string;
  /** A client-generated UUID: creating the same id again returns the same cart. */
  id?: string | null;
  customerId?: string | null;
}

export interface AddCartItemInput extends Versioned {
  productId?: string | null;
  sku?: string | null;
  barcode?: string | null;
  quantity: number;
}

export interface UpdateCartItemInput extends Versioned {
  itemId: string;
  quantity: number;
}

export interface RemoveCartItemInput extends Versioned {
  itemId: string;
}

export interface DiscountInput extends Versioned, ApprovalInput, DiscountChange {}

export interface ApplyItemDiscountInput extends DiscountInput {
  itemId: string;
}

export interface SetCartCustomerInput extends Versioned {
  customerId?: string | null;
}

export interface ResumeCartInput extends Versioned {
  terminalId: string;
}

/** A locked cart with everything its totals need. */
interface CartState {
  sale: Sale;
  tenant: Tenant;
  /** The product named by `EditRules.product`, if it exists. */
  product: Product | null;
}

/** Stock work of an edit, run after the cart's own writes (see `edit`); it also extends the reservations. */
type StockStep = (tx: TenantContext, expiresAt: Date) => Promise<void>;

interface EditRules {
  /** 'refuse' (default): a parked cart must be resumed first; 'require': only a parked one. */
  parked?: 'refuse' | 'require';
  /** Default true: the cart's session must be OPEN (held FOR SHARE so it cannot close meanwhile). */
  sessionOpen?: boolean;
  approval?: Approval;
  /** A product to load with the cart (addCartItem). */
  product?: ProductKey;
}

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
  constructor(
    private readonly stock: StockService,
    private readonly terminals: TerminalService,
    private readonly customers: CustomerService,
  ) {}

  /**
   * Opens a cart on an active terminal with an OPEN session, for that
   * session, the terminal's location and the calling user. With a client
   * `id` it is idempotent: an existing cart of the tenant with that id is
   * returned as it is. Errors: NOT_FOUND (terminal, customer),
   * TERMINAL_INACTIVE, SESSION_NOT_OPEN, BAD_USER_INPUT (id not a UUID or
   * taken).
   */
  async create(ctx: TenantContext, input: CreateCartInput): Promise<Sale> {
    const cashierId = userIdOf(ctx);
    if (input.id != null && !isUuid(input.id)) throw badInput('id', 'must be a UUID');
    const id = input.id ?? randomUUID();
    for (let attempt = 1; attempt <= 2; attempt++) {
      const created = await this.insertCart(ctx, id, cashierId, input);
      if (created) {
        await publishCartChanged(ctx, created.sale, [], created.store, 'CREATED');
        return created.sale;
      }
      const existing = await this.explainNoCart(ctx, input);
      if (existing) return existing;
    }
    throw new DomainError('CONFLICT', 'The terminal changed while the cart was opened: try again');
  }

  /**
   * The cart's one statement: inserts it from the terminal row (active) and
   * its OPEN session, both held FOR SHARE meanwhile (a close waits), with the
   * tenant's expiry; nothing when any of them is missing or the id is taken
   * (`explainNoCart` tells which).
   */
  private async insertCart(
    ctx: TenantContext,
    id: string,
    cashierId: string,
    input: CreateCartInput,
  ): Promise<{ sale: Sale; store: DisplayStore } | null> {
    if (!isUuid(input.terminalId) || (input.customerId != null && !isUuid(input.customerId))) return null;
    const rows = await ctx.em.execute<Array<Record<string, unknown> & { _store: DisplayStore }>>(
      `insert into sales (id, tenant_id, created_at, updated_at, status, subtotal, discount_amount, tax_amount,
         total_amount, paid_amount, change_amount, rounding_adjustment, terminal_id, session_id, location_id,
         cashier_id, customer_id, version, expires_at)
       select ?, t.tenant_id, now(), now(), 'DRAFT', 0, 0, 0, 0, 0, 0, 0, t.id, p.id, t.location_id,
         ?, ?::uuid, 1, now() + make_interval(mins => tn.cart_expiry_minutes)
       from pos_terminals t
       join pos_sessions p on p.tenant_id = t.tenant_id and p.terminal_id = t.id and p.status = 'OPEN'
       join tenants tn on tn.id = t.tenant_id
       where t.id = ? and t.tenant_id = ? and t.is_active
         and (?::uuid is null or exists (select 1 from customers c where c.id = ?::uuid and c.tenant_id = t.tenant_id))
       for share of t, p
       on conflict (id) do nothing
       returning sales.*, (select json_build_object('currency', tn.currency, 'name', tn.name, 'pricesIncludeTax', tn.prices_include_tax)
         from tenants tn where tn.id = sales.tenant_id) as _store`,
      [
        id,
        cashierId,
        input.customerId ?? null,
        input.terminalId,
        ctx.tenantId,
        input.customerId ?? null,
        input.customerId ?? null,
      ],
    );
    if (!rows.length) return null;
    const { _store: store, ...columns } = rows[0];
    const sale = ctx.em.map(Sale, columns);
    sale.items.hydrate([]);
    return { sale, store };
  }

  /**
   * Why `insertCart` wrote nothing: the tenant's cart with that id (returned:
   * a replay), or the terminal's, session's or customer's error, or a
   * client id another cart has. Null when all is well now (a session was
   * opened meanwhile): the caller tries again.
   */
  private async explainNoCart(ctx: TenantContext, input: CreateCartInput): Promise<Sale | null> {
    return inTransaction(ctx, async (tx) => {
      if (input.id) {
        const existing = await tx.em.findOne(
          Sale,
          { id: input.id, tenant: tx.tenantId },
          { populate: ['items'], refresh: true },
        );
        if (existing) return existing;
      }
      const terminal = await this.terminals.requireActive(tx, input.terminalId, LockMode.PESSIMISTIC_READ);
      await this.openSessionOf(tx, terminal.id, terminal.code);
      if (input.customerId != null) await this.customers.get(tx, input.customerId);
      if (input.id) throw badInput('id', 'is already used by another cart');
      return null;
    });
  }

  /**
   * Adds `quantity` units of the product named by exactly one of productId,
   * sku or barcode; a product already on the cart grows its line. A new line
   * snapshots name, sku, attributes, price and tax rate. Reserves the units.
   * Errors: NOT_FOUND (cart, product), INSUFFICIENT_STOCK, SALE_NOT_EDITABLE,
   * SESSION_NOT_OPEN, CONFLICT, BAD_USER_INPUT (quantity, product key, inactive
   * product, too many lines).
   */
  async addItem(ctx: TenantContext, input: AddCartItemInput): Promise<Sale> {
    assertQuantity(input.quantity);
    const key = productKey(input);
    return this.edit(
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
        const reserve = this.reserveStep(sale, product.id, quantity);
        if (line) {
          line.quantity = quantity;
          return reserve;
        }
        sale.items.add(
          tx.em.create(SaleItem, {
            tenant: tx.em.getReference(Tenant, tx.tenantId),
            sale,
            lineNo: Math.max(0, ...sale.items.getItems().map((i) => i.lineNo)) + 1,
            productId: product.id,
            quantity,
            unitPrice: product.price,
            taxRate: product.taxRate,
            discountAmount: ZERO,
            taxAmount: ZERO,
            lineTotal: ZERO,
            productName: product.name,
            productSku: product.sku,
            attributes: product.attributes ?? null,
            createdAt: new Date(),
          }),
        );
        return reserve;
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
    return this.edit(ctx, input, 'ITEM_UPDATED', async (tx, { sale }) => {
      const line = lineOf(sale, input.itemId);
      if (line.quantity === input.quantity) return;
      line.quantity = input.quantity;
      return this.reserveStep(sale, line.productId, input.quantity);
    });
  }

  /** Removes a line and releases its reservation. Errors: NOT_FOUND (cart, item), as addItem. */
  async removeItem(ctx: TenantContext, input: RemoveCartItemInput): Promise<Sale> {
    return this.edit(ctx, input, 'ITEM_REMOVED', async (tx, { sale }) => {
      const line = lineOf(sale, input.itemId);
      await this.stock.release(tx, { referenceId: sale.id, productId: line.productId });
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
    return this.edit(
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
   * (MONEY.md step 4). Approval as applyItemDiscount, against the percent of
   * the lines' net total; recorded on the sale.
   */
  async applyCartDiscount(ctx: TenantContext, input: DiscountInput): Promise<Sale> {
    const reason = discountReason(input);
    const approval = await resolveApprover(ctx, input);
    return this.edit(ctx, input, 'DISCOUNT_APPLIED', async (_tx, { sale }) => setDiscount(sale, input, reason), {
      approval,
    });
  }

  /** Sets or (null) removes the cart's customer. Errors: NOT_FOUND (cart, customer), as addItem. */
  async setCustomer(ctx: TenantContext, input: SetCartCustomerInput): Promise<Sale> {
    return this.edit(ctx, input, 'CUSTOMER_SET', async (tx, { sale }) => {
      sale.customerId = input.customerId != null ? (await this.customers.get(tx, input.customerId)).id : null;
    });
  }

  /**
   * Takes a cart with items off the register: its reservations stay (their
   * expiry moves to the tenant's parkedCartExpiryHours from now) and its
   * session may close. Errors: SALE_NOT_EDITABLE (payments begun),
   * BAD_USER_INPUT (empty cart), CONFLICT (already parked or stale version).
   */
  async park(ctx: TenantContext, input: Versioned): Promise<Sale> {
    return this.edit(ctx, input, 'PARKED', async (_tx, { sale }) => {
      if (sale.paidAmount.gt(0)) throw new DomainError('SALE_NOT_EDITABLE', 'A cart with payments cannot be parked');
      if (!sale.items.length) throw badInput('cartId', 'an empty cart cannot be parked');
      sale.parkedAt = new Date();
    });
  }

  /**
   * Puts a parked cart on `terminalId` (active, same location, OPEN session):
   * the cart joins that session, the caller becomes its cashier, and every
   * line's reservation is re-asserted (a reservation the stock job released
   * is taken again, or INSUFFICIENT_STOCK). Errors: NOT_FOUND, CONFLICT (not
   * parked), TERMINAL_INACTIVE, SESSION_NOT_OPEN, BAD_USER_INPUT (terminal at
   * another location).
   */
  async resume(ctx: TenantContext, input: ResumeCartInput): Promise<Sale> {
    const cashierId = userIdOf(ctx);
    return this.edit(
      ctx,
      input,
      'RESUMED',
      async (tx, { sale }) => {
        const terminal = await this.terminals.requireActive(tx, input.terminalId, LockMode.PESSIMISTIC_READ);
        if (terminal.location.id !== sale.locationId)
          throw badInput('terminalId', "is at another location than the cart's");
        const session = await this.openSessionOf(tx, terminal.id, terminal.code);
        const lines = [...sale.items.getItems()].sort((a, b) => (a.productId < b.productId ? -1 : 1));
        for (const line of lines) {
          await this.stock.adjustReservation(tx, {
            productId: line.productId,
            locationId: sale.locationId,
            referenceId: sale.id,
            quantity: line.quantity,
          });
        }
        Object.assign(sale, { terminalId: terminal.id, sessionId: session.id, cashierId, parkedAt: null });
      },
      { parked: 'require', sessionOpen: false },
    );
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
      const sale = await this.lockSale(tx, input.cartId);
      if (sale.status === SaleStatus.VOIDED) return true;
      assertEditable(sale);
      assertVersion(sale, input.version);
      if (sale.paidAmount.gt(0))
        throw new DomainError('SALE_NOT_EDITABLE', 'A cart with payments cannot be cleared: void it');
      await this.abandon(tx, sale, { voidedById: userId, voidReason: 'cleared' }, 'CLEARED');
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
      await this.abandon(tx, sale, { voidedById: null, voidReason: 'expired' }, 'EXPIRED');
      return true;
    });
  }

  /** The sale (any status) with its lines, or null (also for another tenant's id). */
  async get(ctx: TenantContext, id: string): Promise<Sale | null> {
    if (!isUuid(id)) return null;
    return ctx.em.findOne(Sale, { id, tenant: ctx.tenantId }, { populate: ['items'] });
  }

  /** Parked carts of the tenant, oldest first, optionally of one terminal and/or location. */
  async parked(
    ctx: TenantContext,
    filter: { terminalId?: string | null; locationId?: string | null },
  ): Promise<Sale[]> {
    if (
      (filter.terminalId != null && !isUuid(filter.terminalId)) ||
      (filter.locationId != null && !isUuid(filter.locationId))
    )
      return [];
    return ctx.em.find(
      Sale,
      {
        tenant: ctx.tenantId,
        status: { $in: [...CART_STATUSES] },
        parkedAt: { $ne: null },
        ...(filter.terminalId != null ? { terminalId: filter.terminalId } : {}),
        ...(filter.locationId != null ? { locationId: filter.locationId } : {}),
      },
      { populate: ['items'], orderBy: { parkedAt: 'asc', id: 'asc' }, limit: MAX_PARKED_CARTS },
    );
  }

  // --- the shared edit path ---------------------------------------------------

  private async edit(
    ctx: TenantContext,
    input: Versioned,
    event: CartEvent,
    change: (tx: TenantContext, state: CartState) => Promise<StockStep | void>,
    rules: EditRules = {},
  ): Promise<Sale> {
    const approval = rules.approval ?? (await resolveApprover(ctx, {}));
    return inTransaction(ctx, async (tx) => {
      const sessionOpen = rules.sessionOpen ?? true;
      const loaded = await loadLockedSale(tx, input.cartId, {
        label: 'Cart',
        session: sessionOpen,
        product: rules.product,
      });
      const { sale, tenant } = loaded;
      assertEditable(sale);
      assertVersion(sale, input.version);
      if ((rules.parked ?? 'refuse') === 'refuse' && sale.parkedAt) {
        throw new DomainError('SALE_NOT_EDITABLE', 'The cart is parked: resume it first');
      }
      if (rules.parked === 'require' && !sale.parkedAt) throw new DomainError('CONFLICT', 'The cart is not parked');
      if (sessionOpen) {
        assertSessionOpen(loaded, "The cart's session is not open: park the cart and resume it on an open register");
      }
      const stockStep = await change(tx, { sale, tenant, product: loaded.product });

      const items = sale.items.getItems();
      const totals = applyCartTotals(sale, items, totalsSettings(tenant));
      const approvedBefore = recordedApprovers(sale, items);
      enforceApprovals(sale, items, totals, tenant.discountApprovalThreshold, approval);
      auditNewApprovals(tx, approval, approvedBefore, sale, items);
      if (sale.totalAmount.plus(sale.roundingAdjustment).lt(sale.paidAmount)) {
        throw new DomainError('SALE_NOT_EDITABLE', 'The total would fall below what has already been paid');
      }
      const now = new Date();
      sale.expiresAt = sale.parkedAt
        ? new Date(sale.parkedAt.getTime() + tenant.parkedCartExpiryHours * 3_600_000)
        : new Date(now.getTime() + tenant.cartExpiryMinutes * 60_000);
      sale.version += 1;
      sale.updatedAt = now;
      await tx.em.flush();
      // Stock rows are shared by every register: their locks are taken last, to be held the shortest time.
      if (stockStep) await stockStep(tx, sale.expiresAt);
      else await this.stock.extendReservations(tx, sale.id, sale.expiresAt);
      await publishCartChanged(tx, sale, items, tenant, event);
      return sale;
    });
  }

  /** Sets the cart's reservation of a product to `quantity` (INSUFFICIENT_STOCK), expiring with the cart. */
  private reserveStep(sale: Sale, productId: string, quantity: number): StockStep {
    return (tx, expiresAt) =>
      this.stock.setReservation(tx, {
        productId,
        locationId: sale.locationId,
        referenceId: sale.id,
        quantity,
        expiresAt,
      });
  }

  /** Voids the cart and gives its units back (clear, expiry). */
  private async abandon(
    tx: TenantContext,
    sale: Sale,
    fields: { voidedById: string | null; voidReason: string },
    event: CartEvent,
  ) {
    await this.stock.release(tx, { referenceId: sale.id });
    const now = new Date();
    Object.assign(sale, {
      ...fields,
      status: SaleStatus.VOIDED,
      voidedAt: now,
      expiresAt: null,
      version: sale.version + 1,
      updatedAt: now,
    });
    await tx.em.populate(sale, ['items']);
    await tx.em.flush();
    await publishCartChanged(tx, sale, sale.items.getItems(), await this.tenant(tx), event);
  }

  private async lockSale(tx: TenantContext, cartId: string): Promise<Sale> {
    const sale = isUuid(cartId)
      ? await tx.em.findOne(
          Sale,
          { id: cartId, tenant: tx.tenantId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        )
      : null;
    if (!sale) throw notFound('Cart', cartId);
    return sale;
  }

  private async openSessionOf(tx: TenantContext, terminalId: string, code: string): Promise<PosSession> {
    const session = await tx.em.findOne(
      PosSession,
      { tenant: tx.tenantId, terminal: terminalId, status: PosSessionStatus.OPEN },
      { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
    );
    if (!session) throw new DomainError('SESSION_NOT_OPEN', `Terminal ${code} has no open session`);
    return session;
  }

  private tenant(tx: TenantContext): Promise<Tenant> {
    return tx.em.findOneOrFail(Tenant, { id: tx.tenantId });
  }
}

/** The product addCartItem named: NOT_FOUND when the tenant has none, BAD_USER_INPUT when it is inactive. */
function requireProduct(key: ProductKey, product: Product | null): Product {
  if (!product)
    throw new DomainError('NOT_FOUND', `No product with ${key.field} ${key.value}`, {
      entity: 'Product',
      field: key.field,
    });
  if (!product.isActive) throw badInput(key.field, `product ${product.sku} is inactive`);
  return product;
}
