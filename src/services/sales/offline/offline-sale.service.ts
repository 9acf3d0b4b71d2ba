import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../../auth/device-access';
import { JsonObject } from '../../../canonical-json';
import { TenantContext } from '../../../context';
import { Customer, Location, PosSession, PosTerminal, Product, Tenant, User } from '../../../entities';
import type { OfflineWarning } from '../../../entities/offline-sale.entity';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { badInput, DomainError, notFound } from '../../../errors';
import { MoneyError } from '../../../money/money-error';
import { CustomerService } from '../../catalog/customer.service';
import { ProductService } from '../../catalog/product.service';
import { IdempotencyService } from '../../core/idempotency.service';
import { findByIds } from '../../core/by-id-loader';
import { lockLastNumber } from '../../core/numbering';
import { withFreshEntityManager } from '../../core/transaction';
import { ConsumedLine, StockLedgerService } from '../../inventory/stock-ledger.service';
import { TerminalService } from '../../sessions/terminal.service';
import { currentTenant } from '../../tenancy/current-tenant';
import { finishSales, saleNumberOutOfSequence } from '../checkout/sale-finish';
import type { OfflineSaleData, SubmitOfflineSales } from './offline-inputs';
import { BuiltSale, buildOfflineSale } from './offline-sale-build';
import { insertOfflineSales } from './offline.sql';

export type OfflineSaleStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';

export interface OfflineSaleOutcome {
  clientId: string;
  status: OfflineSaleStatus;
  sale: { id: string; saleNumber: string; totalAmount: string } | null;
  code: string | null;
  message: string | null;
  warnings: OfflineWarning[];
}

/** What the idempotency record keeps for a replayed sale: its first result. */
type Recorded = JsonObject & {
  sale: { id: string; saleNumber: string; totalAmount: string };
  warnings: OfflineWarning[];
};

interface Batch {
  terminal: PosTerminal;
  location: Location;
  tenant: Tenant;
  submitterId: string;
}

/**
 * Replays the sales a register made offline (docs/offline.md): a batch in
 * one transaction, each sale under the idempotency key
 * `offline:<clientId>`, so a sale sent twice, or a batch re-sent after a
 * timeout or a crash, is recorded once and a repeat answers DUPLICATE with
 * the first result. Each sale is checked before anything is written, and
 * one that fails a check is REJECTED (its error code, nothing written)
 * without stopping the others; the accepted ones go through the one
 * completion path (sale-finish.ts) together, with the register's numbers,
 * times and prices, so the batch costs a few statements per step instead
 * of a transaction per sale.
 */
export class OfflineSaleService {
  constructor(
    private readonly stock: StockLedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly terminals: TerminalService,
    private readonly products: ProductService,
    private readonly customers: CustomerService,
  ) {}

  /** Results per sale, in the order sent. Errors (whole batch): NOT_FOUND (terminal), FORBIDDEN (device token). */
  async submit(ctx: TenantContext, input: SubmitOfflineSales): Promise<OfflineSaleOutcome[]> {
    const submitterId = userIdOf(ctx);
    const terminal = await this.terminals.require(ctx, input.terminalId);
    const batch: Batch = {
      terminal,
      location: await ctx.em.findOneOrFail(Location, { id: terminal.location.id, tenant: ctx.tenantId }),
      tenant: await currentTenant(ctx),
      submitterId,
    };
    return this.replay(ctx, batch, input.sales);
  }

  /**
   * The sales in one transaction; when it fails on what no check foresaw
   * (say a clientId that is another sale's id), each half again, down to
   * the one sale that is REJECTED with the error, so the others still go through.
   */
  private async replay(ctx: TenantContext, batch: Batch, sales: OfflineSaleData[]): Promise<OfflineSaleOutcome[]> {
    try {
      const fresh = withFreshEntityManager(ctx, [batch.terminal, batch.location, batch.tenant]);
      return await this.replayTogether(fresh, batch, sales);
    } catch (error) {
      if (!isRejection(error)) throw error;
      if (sales.length === 1) return [rejected(sales[0], error)];
      const half = Math.ceil(sales.length / 2);
      return [
        ...(await this.replay(ctx, batch, sales.slice(0, half))),
        ...(await this.replay(ctx, batch, sales.slice(half))),
      ];
    }
  }

  private async replayTogether(
    ctx: TenantContext,
    batch: Batch,
    sales: OfflineSaleData[],
  ): Promise<OfflineSaleOutcome[]> {
    const settled = await this.idempotency.runEach<Recorded>(
      ctx,
      sales.map((data) => ({
        key: `offline:${data.clientId}`,
        operation: 'submitOfflineSale',
        input: { terminalId: batch.terminal.id, data },
      })),
      (tx, claimed) =>
        this.record(
          tx,
          batch,
          claimed.map((i) => sales[i]),
        ),
    );
    return settled.map((outcome, i) =>
      'error' in outcome
        ? rejected(sales[i], outcome.error)
        : {
            clientId: sales[i].clientId,
            status: outcome.first ? 'ACCEPTED' : 'DUPLICATE',
            sale: outcome.result.sale,
            code: null,
            message: null,
            warnings: outcome.result.warnings,
          },
    );
  }

  /**
   * The sales inside the batch's transaction, in order: each checked and
   * built in memory (a failed check is its answer; nothing of it is
   * written), then the accepted ones finished together, then their records.
   */
  private async record(tx: TenantContext, batch: Batch, sales: OfflineSaleData[]): Promise<Array<Recorded | Error>> {
    const known = await this.load(tx, sales);
    const series = `sale:${batch.terminal.id}`;
    // Locked: a batch of this register still being written is waited for, not taken for a gap.
    let nextNumber = (await lockLastNumber(tx, series)) + 1;
    const now = new Date();
    const outcomes: Array<Recorded | Error> = [];
    const accepted: Array<{ index: number; data: OfflineSaleData; built: BuiltSale }> = [];
    for (const [index, data] of sales.entries()) {
      try {
        const built = this.build(tx, batch, known, data, now);
        if (data.saleNumber !== nextNumber) throw saleNumberOutOfSequence(data.saleNumber, nextNumber);
        nextNumber++;
        tx.em.persist([built.sale, ...built.sale.items.getItems(), ...built.payments]);
        accepted.push({ index, data, built });
      } catch (error) {
        if (!isRejection(error)) throw error;
        outcomes[index] = error;
      }
    }
    const finished = await finishSales(
      tx,
      this.stock,
      accepted.map(({ data, built }) => ({
        sale: built.sale,
        tenant: batch.tenant,
        terminal: batch.terminal,
        location: batch.location,
        payments: built.payments,
        cashierName: '',
        options: {
          actorId: data.cashierId,
          completedAt: data.completedAt,
          registerNumber: data.saleNumber,
          atRegister: false,
          allowNegativeStock: true,
        },
      })),
    );
    const records = finished.map(({ sale, consumed }, n) => {
      const { index, data, built } = accepted[n];
      const warnings = [...built.warnings, ...negativeStock(consumed)];
      outcomes[index] = {
        sale: { id: sale.id, saleNumber: sale.saleNumber!, totalAmount: sale.totalAmount.toFixed(2) },
        warnings,
      };
      return {
        id: sale.id,
        registerNumber: data.saleNumber,
        registerTotal: data.totalAmount.toFixed(),
        computedTotal: sale.totalAmount.toFixed(),
        warnings,
        flagged: warnings.length > 0,
        completedAt: data.completedAt,
      };
    });
    // Written as rows, not entities: a flush here would walk every entity of the batch again for them.
    if (records.length) {
      await insertOfflineSales(tx.em, {
        tenant: tx.tenantId,
        terminal: batch.terminal.id,
        submitter: batch.submitterId,
        createdAt: now,
        rows: records,
      });
    }
    return outcomes;
  }

  /** What the batch's checks need, one read each: its sessions (share-locked: not closed under us), cashiers, customers and products. */
  private async load(tx: TenantContext, sales: OfflineSaleData[]): Promise<Known> {
    return {
      sessions: await findByIds(
        tx,
        PosSession,
        sales.map((s) => s.sessionId),
        { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
      ),
      cashiers: await findByIds(
        tx,
        User,
        sales.map((s) => s.cashierId),
      ),
      customers: await this.customers.findMany(
        tx,
        sales.flatMap((s) => (s.customerId ? [s.customerId] : [])),
      ),
      products: await this.products.findMany(
        tx,
        sales.flatMap((s) => s.items.map((l) => l.productId)),
      ),
    };
  }

  /** One sale's checks, in the order a client is told of them, and the sale built (not persisted). */
  private build(tx: TenantContext, batch: Batch, known: Known, data: OfflineSaleData, now: Date): BuiltSale {
    const session = known.sessions.get(data.sessionId);
    if (!session || session.terminal.id !== batch.terminal.id)
      throw badInput('sessionId', 'is not a session of this terminal');
    if (!known.cashiers.has(data.cashierId)) throw notFound('Cashier', data.cashierId);
    if (data.customerId && !known.customers.has(data.customerId)) throw notFound('Customer', data.customerId);
    const missing = data.items.find((l) => !known.products.has(l.productId));
    if (missing) throw notFound('Product', missing.productId);
    const built = buildOfflineSale(
      tx,
      { tenant: batch.tenant, terminal: batch.terminal, products: known.products, now },
      data,
    );
    if (session.status !== PosSessionStatus.OPEN) {
      built.warnings.push({
        code: 'SESSION_CLOSED',
        message: `The sale belongs to session ${session.sessionNumber}, closed before the sale reached the server`,
      });
    }
    return built;
  }
}

interface Known {
  sessions: Map<string, PosSession>;
  cashiers: Map<string, User>;
  customers: Map<string, Customer>;
  products: Map<string, Product>;
}

/** A sale's own fault (bad input, a failed check, a money rule): REJECTED, not a failed request. */
function isRejection(error: unknown): error is DomainError | MoneyError {
  return error instanceof DomainError || error instanceof MoneyError;
}

function rejected(data: OfflineSaleData, error: Error): OfflineSaleOutcome {
  if (!isRejection(error)) throw error;
  const reused = error.code === 'IDEMPOTENCY_KEY_REUSED';
  return {
    clientId: data.clientId,
    status: 'REJECTED',
    sale: null,
    code: reused ? 'CLIENT_ID_REUSED' : error.code,
    message: reused ? 'Another sale with this clientId was already recorded' : error.message,
    warnings: [],
  };
}

/** NEGATIVE_STOCK for each product the sale took below zero (units that were not there). */
function negativeStock(consumed: ConsumedLine[]): OfflineWarning[] {
  return consumed
    .filter((line) => line.onHandAfter < 0)
    .map((line) => ({
      code: 'NEGATIVE_STOCK',
      message: `Stock went below zero: ${line.onHandAfter} on hand`,
      productId: line.productId,
    }));
}
