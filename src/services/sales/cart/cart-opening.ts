import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../../auth/device-access';
import { TenantContext } from '../../../context';
import { Sale } from '../../../entities';
import { badInput, DomainError } from '../../../errors';
import { CustomerService } from '../../catalog/customer.service';
import { isUuid } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { lockOpenSessionOfTerminal } from '../../sessions/session-open';
import { TerminalService } from '../../sessions/terminal.service';
import { DisplayStore, publishCartChanged } from './cart-events';
import type { CreateCartInput } from './cart-inputs';
import { insertCartRow } from './cart.sql';

/** Opening a cart: one insert on the happy path, the reasons spelled out when it wrote nothing. */
export class CartOpening {
  constructor(
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

  private async insertCart(
    ctx: TenantContext,
    id: string,
    cashierId: string,
    input: CreateCartInput,
  ): Promise<{ sale: Sale; store: DisplayStore } | null> {
    if (!isUuid(input.terminalId) || (input.customerId != null && !isUuid(input.customerId))) return null;
    const rows = await insertCartRow(ctx.em, {
      id,
      tenant: ctx.tenantId,
      terminal: input.terminalId,
      cashier: cashierId,
      customer: input.customerId ?? null,
    });
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
      await lockOpenSessionOfTerminal(tx, terminal.id, terminal.code);
      if (input.customerId != null) await this.customers.get(tx, input.customerId);
      if (input.id) throw badInput('id', 'is already used by another cart');
      return null;
    });
  }
}
