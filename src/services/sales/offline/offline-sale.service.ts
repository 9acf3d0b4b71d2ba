import { LockMode } from '@mikro-orm/core';
import { userIdOf } from '../../../auth/device-access';
import { JsonObject } from '../../../canonical-json';
import { TenantContext } from '../../../context';
import { Location, OfflineSale, PosSession, PosTerminal, Tenant, User } from '../../../entities';
import type { OfflineWarning } from '../../../entities/offline-sale.entity';
import { PosSessionStatus } from '../../../entities/pos-session.entity';
import { badInput, DomainError, notFound } from '../../../errors';
import { MoneyError } from '../../../money/money-error';
import { CustomerService } from '../../catalog/customer.service';
import { ProductService } from '../../catalog/product.service';
import { IdempotencyService } from '../../core/idempotency.service';
import { withFreshEntityManager } from '../../core/transaction';
import { StockLedgerService } from '../../inventory/stock-ledger.service';
import { TerminalService } from '../../sessions/terminal.service';
import { currentTenant } from '../../tenancy/current-tenant';
import { finishSale } from '../checkout/sale-finish';
import type { OfflineSaleData, SubmitOfflineSales } from './offline-inputs';
import { buildOfflineSale } from './offline-sale-build';
import { negativeLevels } from './offline.sql';

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
 * Replays the sales a register made offline (docs/offline.md): each sale in
 * its own transaction under the idempotency key `offline:<clientId>`, so a
 * sale sent twice, or a batch re-sent after a timeout or a crash, is
 * recorded once and a repeat answers DUPLICATE with the first result; one
 * bad sale is REJECTED (its error code, nothing written) without stopping
 * the others. Accepted sales go through the one completion path
 * (sale-finish.ts) with the register's number, time and prices.
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
    const outcomes: OfflineSaleOutcome[] = [];
    const shared = [batch.terminal, batch.location, batch.tenant];
    for (const data of input.sales)
      outcomes.push(await this.submitOne(withFreshEntityManager(ctx, shared), batch, data));
    return outcomes;
  }

  private async submitOne(ctx: TenantContext, batch: Batch, data: OfflineSaleData): Promise<OfflineSaleOutcome> {
    let accepted = false;
    try {
      const recorded = await this.idempotency.run<Recorded>(
        ctx,
        {
          key: `offline:${data.clientId}`,
          operation: 'submitOfflineSale',
          input: { terminalId: batch.terminal.id, data },
        },
        async (tx) => {
          const result = await this.record(tx, batch, data);
          accepted = true;
          return result;
        },
      );
      const status = accepted ? 'ACCEPTED' : 'DUPLICATE';
      return {
        clientId: data.clientId,
        status,
        sale: recorded.sale,
        code: null,
        message: null,
        warnings: recorded.warnings,
      };
    } catch (error) {
      if (!(error instanceof DomainError || error instanceof MoneyError)) throw error;
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
  }

  /** One sale, inside its transaction: checks, the sale and payments, completion, the record. */
  private async record(tx: TenantContext, batch: Batch, data: OfflineSaleData): Promise<Recorded> {
    const session = await tx.em.findOne(
      PosSession,
      { id: data.sessionId, tenant: tx.tenantId },
      { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
    );
    if (!session || session.terminal.id !== batch.terminal.id)
      throw badInput('sessionId', 'is not a session of this terminal');
    if (!(await tx.em.count(User, { id: data.cashierId, tenant: tx.tenantId })))
      throw notFound('Cashier', data.cashierId);
    if (data.customerId) await this.customers.get(tx, data.customerId);
    const products = await this.products.getMany(
      tx,
      data.items.map((l) => l.productId),
    );
    const now = new Date();
    const built = buildOfflineSale(tx, { tenant: batch.tenant, terminal: batch.terminal, products, now }, data);
    const warnings = built.warnings;
    if (session.status !== PosSessionStatus.OPEN) {
      warnings.push({
        code: 'SESSION_CLOSED',
        message: `The sale belongs to session ${session.sessionNumber}, closed before the sale reached the server`,
      });
    }
    await tx.em.flush();
    const sale = await finishSale(
      tx,
      this.stock,
      {
        sale: built.sale,
        tenant: batch.tenant,
        terminal: batch.terminal,
        location: batch.location,
        payments: built.payments,
        cashierName: '',
      },
      {
        actorId: data.cashierId,
        completedAt: data.completedAt,
        registerNumber: data.saleNumber,
        atRegister: false,
        allowNegativeStock: true,
      },
    );
    warnings.push(...(await negativeStock(tx, sale.locationId, [...products.keys()])));
    tx.em.create(OfflineSale, {
      id: sale.id,
      tenant: tx.em.getReference(Tenant, tx.tenantId),
      terminalId: batch.terminal.id,
      registerNumber: data.saleNumber,
      registerTotal: data.totalAmount,
      computedTotal: sale.totalAmount,
      warnings,
      flagged: warnings.length > 0,
      completedAt: data.completedAt,
      submittedById: batch.submitterId,
      createdAt: now,
    });
    await tx.em.flush();
    return { sale: { id: sale.id, saleNumber: sale.saleNumber!, totalAmount: sale.totalAmount.toFixed(2) }, warnings };
  }
}

/** NEGATIVE_STOCK for each of the products now below zero at the location (the sale took units that were not there). */
async function negativeStock(tx: TenantContext, locationId: string, productIds: string[]): Promise<OfflineWarning[]> {
  const rows = await negativeLevels(tx.em, {
    tenant: tx.tenantId,
    location: locationId,
    products: productIds,
    limit: productIds.length,
  });
  return rows.map((r) => ({
    code: 'NEGATIVE_STOCK',
    message: `Stock went below zero: ${r.onHand} on hand`,
    productId: r.productId,
  }));
}
