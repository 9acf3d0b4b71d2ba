import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import { badInput, DomainError } from '../../../errors';
import { ReservationService } from '../../inventory/reservations.service';
import { lockOpenSessionOfTerminal } from '../../sessions/session-open';
import { TerminalService } from '../../sessions/terminal.service';
import { CartEditor } from './cart-edit';
import type { ResumeCartInput, Versioned } from './cart-inputs';

/** Parking a cart and resuming it on a register, through the cart editor's one locked edit. */
export class CartParking {
  constructor(
    private readonly editor: CartEditor,
    private readonly reservations: ReservationService,
    private readonly terminals: TerminalService,
  ) {}

  /**
   * Takes a cart with items off the register: its reservations stay (their
   * expiry moves to the tenant's parkedCartExpiryHours from now) and its
   * session may close. Errors: SALE_NOT_EDITABLE (payments begun),
   * BAD_USER_INPUT (empty cart), CONFLICT (already parked or stale version).
   */
  async park(ctx: TenantContext, input: Versioned): Promise<Sale> {
    return this.editor.edit(ctx, input, 'PARKED', async (_tx, { sale }) => {
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
    return this.editor.edit(
      ctx,
      input,
      'RESUMED',
      async (tx, { sale }) => {
        const terminal = await this.terminals.requireActive(tx, input.terminalId, LockMode.PESSIMISTIC_READ);
        if (terminal.location.id !== sale.locationId)
          throw badInput('terminalId', "is at another location than the cart's");
        const session = await lockOpenSessionOfTerminal(tx, terminal.id, terminal.code);
        const lines = [...sale.items.getItems()].sort((a, b) => (a.productId < b.productId ? -1 : 1));
        for (const line of lines) {
          await this.reservations.adjustReservation(tx, {
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
}
