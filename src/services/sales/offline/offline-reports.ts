import { TenantContext } from '../../../context';
import { OfflineSale, PosSession } from '../../../entities';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { badInput, notFound } from '../../../errors';
import { CatalogueChangesService } from '../../catalog/catalogue-changes';
import { isUuid } from '../../core/ids';
import { lastNumber } from '../../core/numbering';
import { TerminalService } from '../../sessions/terminal.service';
import { negativeLevels, NegativeStockRow } from './offline.sql';

export type { NegativeStockRow } from './offline.sql';

export const MAX_REPORT_ROWS = 500;

export interface TerminalSync {
  lastSaleNumber: number;
  openSessionId: string | null;
  catalogueCursor: string;
  serverTime: Date;
}

/** What a register reads before it replays, and the two reports a manager reads after (docs/offline.md). */
export class OfflineSyncQueries {
  constructor(
    private readonly terminals: TerminalService,
    private readonly catalogue: CatalogueChangesService,
  ) {}

  /** The terminal's last sale number, open session and the catalogue head. NOT_FOUND for another tenant's terminal. */
  async syncState(ctx: TenantContext, terminalId: string): Promise<TerminalSync> {
    const terminal = await this.terminals.require(ctx, terminalId);
    const open = await ctx.em.findOne(PosSession, {
      tenant: ctx.tenantId,
      terminal: terminal.id,
      status: PosSessionStatus.OPEN,
    });
    return {
      lastSaleNumber: await lastNumber(ctx, `sale:${terminal.id}`),
      openSessionId: open?.id ?? null,
      catalogueCursor: await this.catalogue.headCursor(ctx),
      serverTime: new Date(),
    };
  }

  /** Offline sales that came with warnings, newest first (a batch arrives at once: then by register number; at most `first`, 1-500), optionally of one terminal. */
  flaggedSales(
    ctx: TenantContext,
    filter: { terminalId?: string | null; first?: number | null },
  ): Promise<OfflineSale[]> {
    const first = filter.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > MAX_REPORT_ROWS)
      throw badInput('first', `must be 1 to ${MAX_REPORT_ROWS}`);
    if (filter.terminalId != null && !isUuid(filter.terminalId)) throw notFound('Terminal', filter.terminalId);
    return ctx.em.find(
      OfflineSale,
      { tenant: ctx.tenantId, flagged: true, ...(filter.terminalId ? { terminalId: filter.terminalId } : {}) },
      { orderBy: { createdAt: 'desc', registerNumber: 'desc', id: 'desc' }, limit: first },
    );
  }

  /** Stock levels below zero (what offline sales sold beyond the count), optionally at one location. */
  negativeStock(ctx: TenantContext, locationId?: string | null): Promise<NegativeStockRow[]> {
    if (locationId != null && !isUuid(locationId)) throw notFound('Location', locationId);
    return negativeLevels(ctx.em, {
      tenant: ctx.tenantId,
      location: locationId ?? null,
      limit: MAX_REPORT_ROWS,
    });
  }
}
