import { randomUUID } from 'node:crypto';
import { TenantContext } from '../../context';
import { Customer, Tenant } from '../../entities';
import { notFound } from '../../errors';
import { Dec } from '../../money/decimal';
import { findByIds } from '../core/by-id-loader';
import { isUuid } from '../core/ids';
import { keysetPage, Page, PageRequest } from '../core/pagination';
import { likePattern } from '../core/search';
import { inTransaction } from '../core/transaction';

export interface CreateCustomerInput {
  name: string;
  email?: string | null;
  phone?: string | null;
}

export interface UpdateCustomerInput {
  id: string;
  name?: string;
  email?: string | null;
  phone?: string | null;
}

/** Customers of the caller's tenant (store credit is changed by the payment module). */
export class CustomerService {
  /** Creates a customer with a zero store-credit balance. */
  async create(ctx: TenantContext, input: CreateCustomerInput): Promise<Customer> {
    return inTransaction(ctx, async (tx) => {
      const customer = tx.em.create(Customer, {
        id: randomUUID(),
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        name: input.name.trim(),
        email: input.email?.trim().toLowerCase() || null,
        phone: input.phone?.trim() || null,
        storeCreditBalance: new Dec(0),
        createdAt: new Date(),
      });
      await tx.em.flush();
      return customer;
    });
  }

  /** Changes the given fields (undefined keeps, null clears email or phone); NOT_FOUND for another tenant's id. */
  async update(ctx: TenantContext, input: UpdateCustomerInput): Promise<Customer> {
    return inTransaction(ctx, async (tx) => {
      const customer = await this.get(tx, input.id);
      if (input.name !== undefined) customer.name = input.name.trim();
      if (input.email !== undefined) customer.email = input.email?.trim().toLowerCase() || null;
      if (input.phone !== undefined) customer.phone = input.phone?.trim() || null;
      await tx.em.flush();
      return customer;
    });
  }

  /** The customer, or NOT_FOUND (also for another tenant's id). */
  async get(ctx: TenantContext, id: string): Promise<Customer> {
    const customer = isUuid(id) ? await ctx.em.findOne(Customer, { id, tenant: ctx.tenantId }) : null;
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  /** The tenant's customers among `ids`, by id (an unknown or malformed id is simply absent). */
  findMany(ctx: TenantContext, ids: readonly string[]): Promise<Map<string, Customer>> {
    return findByIds(ctx, Customer, ids);
  }

  /** By name; `search` matches name, email or phone (case-insensitive substring). */
  list(ctx: TenantContext, filter: { search?: string | null }, page: PageRequest): Promise<Page<Customer>> {
    const like = filter.search ? likePattern(filter.search) : undefined;
    const where = {
      tenant: ctx.tenantId,
      ...(like ? { $or: [{ name: { $ilike: like } }, { email: { $ilike: like } }, { phone: { $ilike: like } }] } : {}),
    };
    return keysetPage(ctx.em, Customer, where, { field: 'name', direction: 'asc' }, page);
  }
}
