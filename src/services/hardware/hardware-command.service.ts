import { LockMode } from '@mikro-orm/core';
import { assertDeviceBoundTo, userIdOf } from '../../auth/device-access';
import { TenantContext } from '../../context';
import { HardwareCommand, Sale, Tenant } from '../../entities';
import { PaymentStatus } from '../../entities/payment-enums';
import { PaymentMethod } from '../../entities/sale-enums';
import { HardwareCommandKind, HardwareCommandStatus } from '../../entities/hardware-command.entity';
import { TENANT_FILTER } from '../../entities/tenant-scoped';
import { DomainError, notFound } from '../../errors';
import { deliveryFeed } from './delivery-feed';
import { countHandOut, pendingCommandIds } from './hardware.sql';
import { isUuid } from '../core/ids';
import type { ReceiptData } from '../../receipt/receipt-data';
import type { ReceiptRows, ReceiptService } from '../sales/receipts/receipt.service';
import { TerminalService } from '../sessions/terminal.service';
import { afterCommit, inTransaction } from '../core/transaction';

/** The pub/sub topic of one terminal's hardware commands (the tenant is part of it). */
export function hardwareTopic(tenantId: string, terminalId: string): string {
  return `hardware:${tenantId}:${terminalId}`;
}

/** What a PRINT_RECEIPT command carries: the agent prints it without asking the server for more. */
export interface PrintReceiptPayload {
  saleId: string;
  receipt: ReceiptData;
}

export interface OpenDrawerPayload {
  reason: string;
  saleId?: string;
}

/**
 * Commands for the hardware agent beside a register. A command is a row
 * (the durable queue) plus an event published after commit; it is delivered
 * to the terminal's agent until acknowledged, and never after.
 */
export class HardwareCommandService {
  constructor(
    private readonly terminals: TerminalService,
    private readonly receipts: ReceiptService,
  ) {}

  /**
   * Queues a PRINT_RECEIPT on the terminal the sale was rung up on, carrying
   * the receipt rendered now (ReceiptService.build, the one source of
   * receipt data). One transaction. Errors: NOT_FOUND (unknown sale, another
   * tenant's), BAD_USER_INPUT (saleId: never completed, so no receipt).
   */
  async printReceipt(ctx: TenantContext, saleId: string): Promise<HardwareCommand> {
    return inTransaction(ctx, async (tx) => {
      const { terminalId, receipt } = await this.receiptOf(tx, saleId);
      const payload: PrintReceiptPayload = { saleId, receipt };
      return this.issue(tx, terminalId, HardwareCommandKind.PRINT_RECEIPT, payload, saleId);
    });
  }

  /**
   * Queues an OPEN_DRAWER for an active terminal of the tenant. One
   * transaction. Errors: NOT_FOUND, TERMINAL_INACTIVE.
   */
  async openCashDrawer(ctx: TenantContext, input: { terminalId: string; reason: string }): Promise<HardwareCommand> {
    return inTransaction(ctx, async (tx) => {
      await this.terminals.requireActive(tx, input.terminalId);
      const payload: OpenDrawerPayload = { reason: input.reason.trim() };
      return this.issue(tx, input.terminalId, HardwareCommandKind.OPEN_DRAWER, payload, null);
    });
  }

  /**
   * For checkout, inside its transaction: a completed sale that took cash
   * opens the drawer and prints its receipt (in that order), on the sale's
   * terminal; any other sale issues nothing (its receipt prints on request).
   * Takes the rows checkout already holds (the sale with its lines, its
   * terminal) so the receipt costs no second read of them; a sale completed
   * just now has no refunds. Published only if that transaction commits.
   */
  async saleCompleted(tx: TenantContext, completed: ReceiptRows): Promise<HardwareCommand[]> {
    const { sale, terminal } = completed;
    const payments = completed.payments.filter((p) => p.status !== PaymentStatus.FAILED);
    const cash = payments.some((p) => p.method === PaymentMethod.CASH && p.status === PaymentStatus.COMPLETED);
    if (!cash) return [];
    const receipt = await this.receipts.compose(tx, { ...completed, payments });
    const saleId = sale.id;
    const drawer = await this.issue(
      tx,
      terminal.id,
      HardwareCommandKind.OPEN_DRAWER,
      { reason: 'cash sale', saleId },
      saleId,
    );
    const print = await this.issue(tx, terminal.id, HardwareCommandKind.PRINT_RECEIPT, { saleId, receipt }, saleId, 1);
    return [drawer, print];
  }

  /**
   * For refunds, inside their transaction: cash paid back opens the drawer of
   * the terminal the refund is made at (`saleId` null: a return without a receipt).
   */
  async cashRefunded(tx: TenantContext, terminalId: string, saleId: string | null): Promise<HardwareCommand> {
    const payload = { reason: 'cash refund', ...(saleId ? { saleId } : {}) };
    return this.issue(tx, terminalId, HardwareCommandKind.OPEN_DRAWER, payload, saleId);
  }

  /**
   * Closes a command as DONE or FAILED; only the HARDWARE_AGENT token of the
   * command's terminal may. Repeating the same answer is harmless (an agent
   * retrying a lost response); a different answer to a closed command is
   * CONFLICT. Row locked. Errors: NOT_FOUND, FORBIDDEN, CONFLICT.
   */
  async acknowledge(
    ctx: TenantContext,
    input: { id: string; status: HardwareCommandStatus; error?: string | null },
  ): Promise<HardwareCommand> {
    return inTransaction(ctx, async (tx) => {
      const command = isUuid(input.id)
        ? await tx.em.findOne(
            HardwareCommand,
            { id: input.id, tenant: tx.tenantId },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          )
        : null;
      if (!command) throw notFound('HardwareCommand', input.id);
      assertDeviceBoundTo(tx, command.terminalId, 'HARDWARE_AGENT');
      if (command.status !== HardwareCommandStatus.PENDING) {
        if (command.status === input.status) return command;
        throw new DomainError('CONFLICT', `Hardware command ${command.id} is already ${command.status}`);
      }
      command.status = input.status;
      command.lastError =
        input.status === HardwareCommandStatus.FAILED ? input.error?.trim() || 'failed (no reason given)' : null;
      command.completedAt = new Date();
      await tx.em.flush();
      tx.log.info(
        { commandId: command.id, kind: command.kind, status: command.status },
        'hardware command acknowledged',
      );
      return command;
    });
  }

  /**
   * The `hardwareCommands` feed of a terminal: every command still PENDING
   * (oldest first), then new ones as they are issued; each id once per feed,
   * and never one that is DONE or FAILED by the time it is handed out. The
   * bus subscription is registered before the backlog is read, so a command
   * committed in between arrives through one or the other (the feed drops the
   * duplicate). Each hand-out counts in `attempts`.
   */
  async feed(ctx: TenantContext, terminalId: string): Promise<AsyncIterableIterator<HardwareCommand>> {
    const tenantId = ctx.tenantId;
    const live = await ctx.services.events.listen<{ id: string }>(hardwareTopic(tenantId, terminalId));
    try {
      const backlog = await pendingCommandIds(ctx.em, tenantId, terminalId);
      return deliveryFeed(backlog, live, (id) => this.claim(ctx, terminalId, id));
    } catch (error) {
      await live.return?.();
      throw error;
    }
  }

  /** Counts a hand-out of a command that is still PENDING; null when it is not (any more). */
  private async claim(ctx: TenantContext, terminalId: string, id: string): Promise<HardwareCommand | null> {
    const em = ctx.services.orm.em.fork();
    em.setFilterParams(TENANT_FILTER, { tenantId: ctx.tenantId });
    const rows = await countHandOut(em, ctx.tenantId, terminalId, id);
    return rows.length > 0 ? em.map(HardwareCommand, rows[0]) : null;
  }

  /** The receipt (one source: the receipt service) and the terminal the sale was rung up on. */
  private async receiptOf(tx: TenantContext, saleId: string): Promise<{ terminalId: string; receipt: ReceiptData }> {
    const sale = isUuid(saleId) ? await tx.em.findOne(Sale, { id: saleId, tenant: tx.tenantId }) : null;
    if (!sale) throw notFound('Sale', saleId);
    return { terminalId: sale.terminalId, receipt: await this.receipts.build(tx, saleId) };
  }

  /**
   * Stages the PENDING row (callers are inside a transaction, whose flush
   * writes it with everything else) and publishes it after commit. `orderOffsetMs`
   * spaces commands issued together so the agent runs them in issue order
   * (the feed orders by createdAt).
   */
  private async issue(
    tx: TenantContext,
    terminalId: string,
    kind: HardwareCommandKind,
    payload: PrintReceiptPayload | OpenDrawerPayload,
    saleId: string | null,
    orderOffsetMs = 0,
  ): Promise<HardwareCommand> {
    const command = tx.em.create(HardwareCommand, {
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      terminalId,
      kind,
      payload: payload as unknown as Record<string, unknown>,
      status: HardwareCommandStatus.PENDING,
      attempts: 0,
      saleId,
      createdById: userIdOf(tx),
      createdAt: new Date(Date.now() + orderOffsetMs),
    });
    const event = { id: command.id, kind, terminalId, saleId, createdAt: command.createdAt.toISOString() };
    await afterCommit(tx, () => tx.services.events.publish(hardwareTopic(tx.tenantId, terminalId), event));
    tx.log.info({ commandId: command.id, kind, terminalId, saleId }, 'hardware command issued');
    return command;
  }
}
