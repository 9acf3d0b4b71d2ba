import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';
import { Product, Tenant } from '../../entities';
import { notFound } from '../../errors';
import { Dec } from '../../money/decimal';
import { findByIds } from '../core/by-id-loader';
import { isUuid } from '../core/ids';
import { keysetPage, Page, PageRequest } from '../core/pagination';
import { likePattern } from '../core/search';
import { inTransaction } from '../core/transaction';
import { emitProductUpdated } from '../webhooks/domain-events';
import { nameOrSkuLike, searchProducts } from './product-search';

export interface ProductFields {
  sku: string;
  name: string;
  price: Decimal;
  barcode?: string | null;
  taxRate?: Decimal | null;
  category?: string | null;
  costPrice?: Decimal | null;
  attributes?: Record<string, unknown> | null;
  isActive?: boolean | null;
}

export interface ProductFilter {
  /** Case-insensitive substring of the name or the sku. */
  search?: string | null;
  /** Exact barcode. */
  barcode?: string | null;
  /** Exact sku. */
  sku?: string | null;
}

/** The catalogue of the caller's tenant. */
export class ProductService {
  /** Creates a product; a sku or barcode already used in the tenant is BAD_USER_INPUT naming it. */
  async create(ctx: TenantContext, input: ProductFields): Promise<Product> {
    return inTransaction(ctx, async (tx) => {
      const product = tx.em.create(Product, {
        id: randomUUID(),
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        sku: input.sku.trim(),
        name: input.name.trim(),
        barcode: input.barcode?.trim() || null,
        category: input.category?.trim() || null,
        price: input.price,
        costPrice: input.costPrice ?? new Dec(0),
        taxRate: input.taxRate ?? new Dec(0),
        attributes: input.attributes ?? null,
        isActive: input.isActive ?? true,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await tx.em.flush();
      return product;
    });
  }

  /** Changes only the fields given (null clears barcode, category, attributes); NOT_FOUND for another tenant's id. */
  async update(ctx: TenantContext, id: string, input: Partial<ProductFields>): Promise<Product> {
    return inTransaction(ctx, async (tx) => {
      const product = await this.get(tx, id);
      const changes: Partial<Product> = {};
      if (input.sku != null) changes.sku = input.sku.trim();
      if (input.name != null) changes.name = input.name.trim();
      if (input.price != null) changes.price = input.price;
      if (input.costPrice != null) changes.costPrice = input.costPrice;
      if (input.taxRate != null) changes.taxRate = input.taxRate;
      if (input.isActive != null) changes.isActive = input.isActive;
      if (input.barcode !== undefined) changes.barcode = input.barcode?.trim() || null;
      if (input.category !== undefined) changes.category = input.category?.trim() || null;
      if (input.attributes !== undefined) changes.attributes = input.attributes;
      tx.em.assign(product, changes);
      await tx.em.flush();
      await emitProductUpdated(tx, product);
      return product;
    });
  }

  /** The product, or null (also for another tenant's id). */
  find(ctx: TenantContext, id: string): Promise<Product | null> {
    return isUuid(id) ? ctx.em.findOne(Product, { id, tenant: ctx.tenantId }) : Promise.resolve(null);
  }

  /** The product, or NOT_FOUND (also for another tenant's id). */
  async get(ctx: TenantContext, id: string): Promise<Product> {
    const product = await this.find(ctx, id);
    if (!product) throw notFound('Product', id);
    return product;
  }

  /** The tenant's products with these ids (NOT_FOUND naming the first missing one). */
  async getMany(ctx: TenantContext, ids: readonly string[]): Promise<Map<string, Product>> {
    const byId = await this.findMany(ctx, ids);
    const absent = ids.find((id) => !byId.has(id));
    if (absent !== undefined) throw notFound('Product', absent);
    return byId;
  }

  /** The tenant's products among `ids`, by id (an unknown or malformed id is simply absent). */
  findMany(ctx: TenantContext, ids: readonly string[]): Promise<Map<string, Product>> {
    return findByIds(ctx, Product, ids);
  }

  /** A page of products by name (keyset pagination). */
  list(ctx: TenantContext, filter: ProductFilter, page: PageRequest): Promise<Page<Product>> {
    if (filter.search && !filter.barcode && !filter.sku) return searchProducts(ctx, filter.search, page);
    const where = {
      tenant: ctx.tenantId,
      ...(filter.barcode ? { barcode: filter.barcode.trim() } : {}),
      ...(filter.sku ? { sku: filter.sku.trim() } : {}),
      ...(filter.search ? nameOrSkuLike(likePattern(filter.search)) : {}),
    };
    return keysetPage(ctx.em, Product, where, { field: 'name', direction: 'asc' }, page);
  }
}
