import { LockMode, ref } from '@mikro-orm/core';
import { TenantContext } from '../../context';
import { Location, PosTerminal, Tenant } from '../../entities';
import { badInput, DomainError, notFound } from '../../errors';
import { isUuid } from '../core/ids';
import { inTransaction } from '../core/transaction';

export interface CreateTerminalInput {
  name: string;
  code: string;
  locationId: string;
  paymentReaderId?: string | null;
}

export interface UpdateTerminalInput {
  name?: string | null;
  locationId?: string | null;
  isActive?: boolean | null;
  /** Absent: unchanged; null: back to the gateway account's reader. */
  paymentReaderId?: string | null;
}

/** Registers (POS terminals): CRUD with soft deactivation. */
export class TerminalService {
  /**
   * Creates an active terminal at a location of the caller's tenant; the code
   * is stored upper-cased; a card reader given is audited. One transaction.
   * Errors: location NOT_FOUND, inactive location or duplicate code BAD_USER_INPUT.
   */
  async create(ctx: TenantContext, input: CreateTerminalInput): Promise<PosTerminal> {
    return inTransaction(ctx, async (tx) => {
      const location = await this.usableLocation(tx, input.locationId);
      const terminal = tx.em.create(PosTerminal, {
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        name: input.name.trim(),
        code: input.code.toUpperCase(),
        location,
        isActive: true,
        paymentReaderId: input.paymentReaderId ?? null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      auditReaderChange(tx, terminal, null);
      await tx.em.flush();
      return terminal;
    });
  }

  /**
   * Changes name, location, active flag or card reader (the code never
   * changes: it names the terminal's sale-number series); a reader change is
   * audited. `isActive: false` is deactivate().
   * Errors: NOT_FOUND (terminal or location), inactive location BAD_USER_INPUT.
   */
  async update(ctx: TenantContext, id: string, input: UpdateTerminalInput): Promise<PosTerminal> {
    return inTransaction(ctx, async (tx) => {
      const terminal = await this.require(tx, id, LockMode.PESSIMISTIC_WRITE);
      if (input.name != null) terminal.name = input.name.trim();
      if (input.locationId != null) terminal.location = ref(await this.usableLocation(tx, input.locationId));
      if (input.isActive === false && terminal.isActive) {
        await tx.services.revocations.announce(tx, { tenantId: tx.tenantId, terminalId: terminal.id });
      }
      if (input.isActive != null) terminal.isActive = input.isActive;
      if (input.paymentReaderId !== undefined) {
        const before = terminal.paymentReaderId ?? null;
        terminal.paymentReaderId = input.paymentReaderId;
        auditReaderChange(tx, terminal, before);
      }
      await tx.em.flush();
      return terminal;
    });
  }

  /**
   * Soft delete: the terminal takes no new sessions or sales and its device
   * tokens stop working; an open session can still record cash and close.
   * Idempotent. Errors: NOT_FOUND.
   */
  deactivate(ctx: TenantContext, id: string): Promise<PosTerminal> {
    return this.update(ctx, id, { isActive: false });
  }

  /** Terminals of the tenant by code, active ones unless `includeInactive`. */
  async list(
    ctx: TenantContext,
    filter: { locationId?: string | null; includeInactive?: boolean | null },
  ): Promise<PosTerminal[]> {
    if (filter.locationId != null && !isUuid(filter.locationId)) return [];
    return ctx.em.find(
      PosTerminal,
      {
        tenant: ctx.tenantId,
        ...(filter.locationId != null ? { location: filter.locationId } : {}),
        ...(filter.includeInactive ? {} : { isActive: true }),
      },
      { orderBy: { code: 'asc' } },
    );
  }

  /** The terminal, or null when no terminal of the tenant has this id. */
  async get(ctx: TenantContext, id: string): Promise<PosTerminal | null> {
    if (!isUuid(id)) return null;
    return ctx.em.findOne(PosTerminal, { id, tenant: ctx.tenantId });
  }

  /**
   * The terminal (optionally locked, inside a transaction), NOT_FOUND when
   * the tenant has none with this id.
   */
  async require(ctx: TenantContext, id: string, lockMode?: LockMode): Promise<PosTerminal> {
    const terminal = isUuid(id)
      ? await ctx.em.findOne(PosTerminal, { id, tenant: ctx.tenantId }, { lockMode, refresh: !!lockMode })
      : null;
    if (!terminal) throw notFound('Terminal', id);
    return terminal;
  }

  /** As require(), and TERMINAL_INACTIVE when it is deactivated. */
  async requireActive(ctx: TenantContext, id: string, lockMode?: LockMode): Promise<PosTerminal> {
    const terminal = await this.require(ctx, id, lockMode);
    if (!terminal.isActive) throw new DomainError('TERMINAL_INACTIVE', `Terminal ${terminal.code} is inactive`);
    return terminal;
  }

  private async usableLocation(ctx: TenantContext, locationId: string): Promise<Location> {
    const location = isUuid(locationId)
      ? await ctx.em.findOne(Location, { id: locationId, tenant: ctx.tenantId })
      : null;
    if (!location) throw notFound('Location', locationId);
    if (!location.isActive) throw badInput('locationId', 'location is inactive');
    return location;
  }
}

/**
 * Which reader a register's card payments go to decides where money is taken:
 * every change is on record (reader ids are not secret).
 */
function auditReaderChange(tx: TenantContext, terminal: PosTerminal, before: string | null): void {
  const after = terminal.paymentReaderId ?? null;
  if (after === before) return;
  tx.services.audit.record(tx, {
    type: 'terminal.reader_changed',
    subjectType: 'PosTerminal',
    subjectId: terminal.id,
    data: { code: terminal.code, from: before, to: after },
  });
}
