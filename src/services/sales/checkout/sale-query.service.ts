import { FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '../../../context';
import { Sale, SaleItem, SalePayment, SaleRefund } from '../../../entities';
import { SaleStatus } from '../../../entities/sale-enums';
import { isUuid } from '../../core/ids';
import { keysetPage, Page, PageRequest } from '../../core/pagination';

export interface SaleFilter {
  /** Completed at or after (carts are left out when from/to are given). */
  from?: Date | null;
  /** Completed before. */
  to?: Date | null;
  status?: SaleStatus | null;
  cashierId?: string | null;
  terminalId?: string | null;
  locationId?: string | null;
  customerId?: string | null;
}

/** Reads of sales, their payments and refunds (tenant-scoped, batched for field resolvers). */
export class SaleQueryService {
  /** The sale with its lines, or null (unknown id, another tenant's). */
  async get(ctx: TenantContext, id: string): Promise<Sale | null> {
    if (!isUuid(id)) return null;
    return ctx.em.findOne(Sale, { id, tenant: ctx.tenantId }, { populate: ['items'] });
  }

  /**
   * The tenant's sale with that number (what the receipt's barcode carries), or null: none, another
   * tenant's (the tenant is in the key), or longer than any number (`sales.sale_number` is 50).
   * Spaces and a scanner's line end around it are ignored, and so are the `*` of the receipt's
   * `*NUMBER*` line (sale numbers never hold one: terminal codes are letters, digits, "-" and "_").
   */
  async getByNumber(ctx: TenantContext, saleNumber: string): Promise<Sale | null> {
    const number = saleNumber.trim().replace(/^\*(.*)\*$/, '$1');
    if (!number || number.length > 50) return null;
    return ctx.em.findOne(Sale, { tenant: ctx.tenantId, saleNumber: number }, { populate: ['items'] });
  }

  /** Sales newest first, keyset-paginated; an id filter that is not a UUID matches nothing. */
  async list(ctx: TenantContext, filter: SaleFilter, page: PageRequest): Promise<Page<Sale>> {
    const where: FilterQuery<Sale> & Record<string, unknown> = { tenant: ctx.tenantId };
    for (const field of ['cashierId', 'terminalId', 'locationId', 'customerId'] as const) {
      const value = filter[field];
      if (value != null) where[field] = isUuid(value) ? value : '00000000-0000-0000-0000-000000000000';
    }
    if (filter.status) where.status = filter.status;
    if (filter.from || filter.to) {
      where.completedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    }
    return keysetPage(ctx.em, Sale, where, { field: 'createdAt', direction: 'desc' }, page);
  }

  /** The lines of a sale (batched per request). */
  itemsOf(ctx: TenantContext, saleId: string): Promise<SaleItem[]> {
    return this.bySale(ctx, 'sale-items', SaleItem, { lineNo: 'asc' }, 'sale').load(saleId);
  }

  /** Every payment attempt of a sale, FAILED ones included, oldest first (batched). */
  paymentsOf(ctx: TenantContext, saleId: string): Promise<SalePayment[]> {
    return this.bySale(ctx, 'sale-payments', SalePayment, { createdAt: 'asc' }, 'saleId').load(saleId);
  }

  /** The refunds of a sale, oldest first (batched). */
  refundsOf(ctx: TenantContext, saleId: string): Promise<SaleRefund[]> {
    return this.bySale(ctx, 'sale-refunds', SaleRefund, { createdAt: 'asc' }, 'saleId').load(saleId);
  }

  private bySale<T extends { id: string }>(
    ctx: TenantContext,
    name: string,
    entity: new () => T,
    orderBy: Record<string, 'asc'>,
    saleField: 'sale' | 'saleId',
  ) {
    return ctx.loaders.get<string, T[]>(name, async (saleIds) => {
      const rows = await ctx.em.find(
        entity,
        { tenant: ctx.tenantId, [saleField]: { $in: [...saleIds] } } as FilterQuery<T>,
        {
          orderBy: [orderBy, { id: 'asc' }] as never,
        },
      );
      const grouped = new Map<string, T[]>(saleIds.map((id) => [id, []]));
      for (const row of rows) {
        const saleId =
          saleField === 'sale' ? (row as unknown as SaleItem).sale.id : (row as unknown as SalePayment).saleId;
        grouped.get(saleId)?.push(row);
      }
      return saleIds.map((id) => grouped.get(id) ?? []);
    });
  }
}
