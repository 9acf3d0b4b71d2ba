import { TenantContext } from '../../../context';
import { Product, Sale, Tenant } from '../../../entities';
import { SaleStatus } from '../../../entities/sale-enums';
import { DomainError } from '../../../errors';
import { amountDue } from '../../../money/cash';
import { applyCartTotals, totalsSettings } from '../../../money/sale-totals';
import { inTransaction } from '../../core/transaction';
import { ReservationService } from '../../inventory/reservations.service';
import { assertSessionOpen } from '../../sessions/session-open';
import { currentTenant } from '../../tenancy/current-tenant';
import { loadLockedSale } from '../checkout/sale-load';
import { CartEvent, publishCartChanged } from './cart-events';
import type { Versioned } from './cart-inputs';
import { assertEditable, assertVersion, enforceApprovals, ProductKey } from './cart-rules';
import { Approval, auditNewApprovals, recordedApprovers, resolveApprover } from './discount-approval';
import { moveSale } from '../sale-lifecycle';

/** A locked cart with everything its totals need. */
export interface CartState {
  sale: Sale;
  tenant: Tenant;
  /** The product named by `EditRules.product`, if it exists. */
  product: Product | null;
}

/** Stock work of an edit, run after the cart's own writes (see `edit`); it also extends the reservations. */
export type StockStep = (tx: TenantContext, expiresAt: Date) => Promise<void>;

export interface EditRules {
  /** 'refuse' (default): a parked cart must be resumed first; 'require': only a parked one. */
  parked?: 'refuse' | 'require';
  /** Default true: the cart's session must be OPEN (held FOR SHARE so it cannot close meanwhile). */
  sessionOpen?: boolean;
  approval?: Approval;
  /** A product to load with the cart (addCartItem). */
  product?: ProductKey;
}

/**
 * The path every cart edit takes, in one transaction: lock the sale row
 * (SELECT ... FOR UPDATE: concurrent edits of one cart serialize) with the
 * session FOR SHARE, check the client's `version` (CONFLICT when stale), run
 * the change, recompute the totals with the one calculator (sale-totals.ts),
 * refresh `expiresAt`, bump `version`, flush, then take the stock locks last
 * (setting or extending the reservations) and publish a cart event after commit.
 */
export class CartEditor {
  constructor(private readonly reservations: ReservationService) {}

  async edit(
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
        assertSessionOpen(
          loaded.sessionStatus,
          "The cart's session is not open: park the cart and resume it on an open register",
        );
      }
      const stockStep = await change(tx, { sale, tenant, product: loaded.product });

      const items = sale.items.getItems();
      const totals = applyCartTotals(sale, items, totalsSettings(tenant));
      const approvedBefore = recordedApprovers(sale, items);
      enforceApprovals(sale, items, totals, tenant.discountApprovalThreshold, approval);
      auditNewApprovals(tx, approval, approvedBefore, sale, items);
      // Below zero with nothing paid is an exchange the store pays out at completion; with money taken it would owe it back.
      if (
        sale.paidAmount.gt(0) &&
        amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount).isNeg()
      ) {
        throw new DomainError('SALE_NOT_EDITABLE', 'The total would fall below what has already been paid');
      }
      const now = new Date();
      sale.expiresAt = sale.parkedAt
        ? new Date(sale.parkedAt.getTime() + tenant.parkedCartExpiryHours * 3_600_000)
        : new Date(now.getTime() + tenant.cartExpiryMinutes * 60_000);
      moveSale(sale, sale.status, now);
      await tx.em.flush();
      // Stock rows are shared by every register: their locks are taken last, to be held the shortest time.
      if (stockStep) await stockStep(tx, sale.expiresAt);
      else await this.reservations.extendReservations(tx, sale.id, sale.expiresAt);
      await publishCartChanged(tx, sale, items, tenant, event);
      return sale;
    });
  }

  /** Sets the cart's reservation of a product to `quantity` (INSUFFICIENT_STOCK), expiring with the cart. */
  reserveStep(sale: Sale, productId: string, quantity: number): StockStep {
    return (tx, expiresAt) =>
      this.reservations.setReservation(tx, {
        productId,
        locationId: sale.locationId,
        referenceId: sale.id,
        quantity,
        expiresAt,
      });
  }

  /** Checks that `quantity` units are available, reserving nothing (see CartService.addItem's `reserve`). */
  availabilityStep(sale: Sale, productId: string, quantity: number): StockStep {
    return (tx) => this.reservations.assertAvailable(tx, { productId, locationId: sale.locationId, quantity });
  }

  /** Voids the cart and gives its units back (clear, expiry). */
  async abandon(
    tx: TenantContext,
    sale: Sale,
    fields: { voidedById: string | null; voidReason: string },
    event: CartEvent,
  ) {
    await this.reservations.release(tx, { referenceId: sale.id });
    const now = new Date();
    moveSale(sale, SaleStatus.VOIDED, now, { ...fields, voidedAt: now, expiresAt: null });
    await tx.em.populate(sale, ['items']);
    await tx.em.flush();
    await publishCartChanged(tx, sale, sale.items.getItems(), await currentTenant(tx), event);
  }
}
