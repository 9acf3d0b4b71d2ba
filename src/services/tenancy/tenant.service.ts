import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { hashSecret } from '../../auth/password';
import { RequestContext, TenantContext } from '../../context';
import { Tenant, User } from '../../entities';
import { CostingMethod, Role, RoundingMode } from '../../entities/enums';
import { notFound } from '../../errors';
import type { ApprovalPolicy } from '../../entities/tenant.entity';
import { AuthResult, AuthService } from './auth.service';
import { inTransaction } from '../core/transaction';

export interface RegisterTenantInput {
  name: string;
  slug: string;
  currency: string;
  ownerEmail: string;
  ownerPassword: string;
  ownerName?: string;
  pricesIncludeTax?: boolean;
  costingMethod?: CostingMethod;
  cashRoundingIncrement?: Decimal;
  timezone?: string;
}

export interface TenantSettingsInput {
  name?: string;
  currency?: string;
  pricesIncludeTax?: boolean;
  costingMethod?: CostingMethod;
  cashRoundingIncrement?: Decimal;
  roundingMode?: RoundingMode;
  allowNegativeStock?: boolean;
  timezone?: string;
  discountApprovalThreshold?: Decimal;
  cartExpiryMinutes?: number;
  parkedCartExpiryHours?: number;
  paymentGateway?: string;
  autoCloseSessionsAt?: string | null;
  reportRecipients?: string[];
  approvalPolicy?: {
    payOutThreshold?: Decimal | null;
    payOutLimitedToExpectedCash?: boolean;
    refundWindowDays?: number | null;
    refundApprovalThreshold?: Decimal | null;
    priceOverrideThreshold?: Decimal;
    receiptlessReturnNeedsApproval?: boolean;
  };
}

/** Tenants: registration (with their first owner) and settings. */
export class TenantService {
  constructor(private readonly auth: AuthService) {}

  /** Creates the tenant and its OWNER in one transaction and signs the owner in. */
  async register(ctx: RequestContext, input: RegisterTenantInput): Promise<AuthResult> {
    const passwordHash = await hashSecret(input.ownerPassword);
    const tenantId = randomUUID();
    const scoped = { ...ctx, em: ctx.em.fork() };
    scoped.em.setFilterParams('tenant', { tenantId });
    const owner = await inTransaction(scoped, async (tx) => {
      const tenant = tx.em.create(Tenant, {
        id: tenantId,
        name: input.name,
        slug: input.slug.toLowerCase(),
        currency: input.currency.toUpperCase(),
        pricesIncludeTax: input.pricesIncludeTax ?? false,
        costingMethod: input.costingMethod ?? CostingMethod.FIFO,
        ...(input.cashRoundingIncrement ? { cashRoundingIncrement: input.cashRoundingIncrement } : {}),
        timezone: input.timezone ?? 'UTC',
      } as Tenant);
      const user = tx.em.create(User, {
        id: randomUUID(),
        tenant,
        email: input.ownerEmail.toLowerCase(),
        name: input.ownerName ?? input.ownerEmail,
        passwordHash,
        roles: [Role.OWNER],
        isActive: true,
        createdAt: new Date(),
      });
      await tx.em.flush();
      return user;
    });
    return { token: this.auth.issueUserToken(owner, tenantId), user: owner };
  }

  async current(ctx: TenantContext): Promise<Tenant> {
    const tenant = await ctx.em.findOne(Tenant, { id: ctx.tenantId });
    if (!tenant) throw notFound('Tenant');
    return tenant;
  }

  /** Changes only the settings given; the tenant comes from the context, never the input. */
  async updateSettings(ctx: TenantContext, input: TenantSettingsInput): Promise<Tenant> {
    return inTransaction(ctx, async (tx) => {
      const tenant = await this.current(tx);
      const { approvalPolicy, ...rest } = input;
      const changes: Record<string, unknown> = Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined),
      );
      if (typeof changes.currency === 'string') changes.currency = changes.currency.toUpperCase();
      if (approvalPolicy) changes.approvalPolicy = mergePolicy(tenant.approvalPolicy, approvalPolicy);
      tx.em.assign(tenant, changes);
      tx.services.audit.record(tx, {
        type: 'tenant.settings_updated',
        subjectType: 'Tenant',
        subjectId: tenant.id,
        data: { changed: Object.keys(changes) },
      });
      await tx.em.flush();
      return tenant;
    });
  }
}

/** Only the keys given change; a null threshold or window removes it. Money and percents are stored as decimal strings. */
function mergePolicy(
  current: ApprovalPolicy,
  input: NonNullable<TenantSettingsInput['approvalPolicy']>,
): ApprovalPolicy {
  const next: ApprovalPolicy = { ...current };
  if (input.payOutThreshold !== undefined) next.payOutThreshold = input.payOutThreshold?.toFixed() ?? null;
  if (input.payOutLimitedToExpectedCash != null) next.payOutLimitedToExpectedCash = input.payOutLimitedToExpectedCash;
  if (input.refundWindowDays !== undefined) next.refundWindowDays = input.refundWindowDays;
  if (input.refundApprovalThreshold !== undefined)
    next.refundApprovalThreshold = input.refundApprovalThreshold?.toFixed() ?? null;
  if (input.priceOverrideThreshold != null) next.priceOverrideThreshold = input.priceOverrideThreshold.toFixed();
  if (input.receiptlessReturnNeedsApproval != null)
    next.receiptlessReturnNeedsApproval = input.receiptlessReturnNeedsApproval;
  return next;
}
