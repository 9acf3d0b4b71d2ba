import { MikroORM } from '@mikro-orm/postgresql';
import { TenantContext } from '../../../context';
import { PaymentGatewayAccount, Tenant } from '../../../entities';
import { badInput, DomainError, notFound } from '../../../errors';
import { SecretCipher } from '../../core/secret-cipher';
import { inTransaction } from '../../core/transaction';
import { GatewayError, GatewayMethod } from './payment-gateway';

/** The providers a tenant can hold an account with (the simulator needs none). */
export const PROVIDERS = ['STRIPE', 'SQUARE'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The secrets each provider needs; both are sealed together, as one JSON object. */
export interface ProviderSecrets {
  /** Stripe secret key (sk_...) or Square access token. */
  apiKey: string;
  /** Stripe webhook signing secret (whsec_...) or Square webhook signature key. */
  webhookSecret: string;
}

/** A tenant's account, decrypted for one call to the provider. */
export interface ProviderAccount {
  tenantId: string;
  readerId: string | null;
  locationId: string | null;
  secrets: ProviderSecrets;
}

/**
 * The reader a call goes to: the paying register's, else the account's. Neither
 * is a set-up gap, not a decline: PAYMENT_GATEWAY_NOT_CONFIGURED, and nothing
 * is sent to the provider or recorded.
 */
export function readerFor(account: ProviderAccount, provider: Provider, requested?: string | null): string {
  const reader = requested ?? account.readerId;
  if (!reader) {
    throw new DomainError(
      'PAYMENT_GATEWAY_NOT_CONFIGURED',
      `No card reader: set the terminal's paymentReaderId or the ${provider} account's readerId`,
      { provider },
    );
  }
  return reader;
}

/** An account as the API may show it: no secret, not even encrypted. */
export interface AccountView {
  provider: string;
  readerId: string | null;
  locationId: string | null;
  hasCredentials: boolean;
  updatedAt: Date;
}

export interface ConfigureGatewayInput {
  provider: 'SIMULATOR' | Provider;
  apiKey?: string;
  webhookSecret?: string;
  readerId?: string;
  locationId?: string;
  /** The methods this gateway serves from now on. */
  methods: GatewayMethod[];
}

/**
 * Where the tenants' provider credentials are kept (encrypted, docs/payments.md)
 * and read back for the adapters. Reads for a call happen outside any request
 * (the void-on-timeout job, a webhook), so they take the tenant id explicitly.
 */
export class GatewayAccounts {
  constructor(
    private readonly orm: MikroORM,
    private readonly cipher: SecretCipher,
  ) {}

  /** The tenant's decrypted account at `provider`; none is the caller's configuration error, not a crash. */
  async load(tenantId: string, provider: Provider): Promise<ProviderAccount> {
    const row = await this.orm.em
      .fork()
      .findOne(PaymentGatewayAccount, { tenant: tenantId, provider }, { filters: false });
    if (!row) throw new GatewayError('not_configured', `${provider} is not configured for this tenant`);
    const secrets = this.open(tenantId, row.encryptedCredentials);
    return { tenantId, readerId: row.readerId ?? null, locationId: row.locationId ?? null, secrets };
  }

  /** The tenant whose account at `provider` has this location (how a Square webhook names its tenant). */
  async tenantForLocation(provider: Provider, locationId: string): Promise<string | null> {
    const row = await this.orm.em
      .fork()
      .findOne(PaymentGatewayAccount, { provider, locationId }, { filters: false, orderBy: { createdAt: 'asc' } });
    return row ? row.tenant.id : null;
  }

  /** The tenant's accounts, without their secrets. */
  async views(ctx: TenantContext): Promise<AccountView[]> {
    const rows = await ctx.em.find(PaymentGatewayAccount, { tenant: ctx.tenantId }, { orderBy: { provider: 'asc' } });
    return rows.map((row) => ({
      provider: row.provider,
      readerId: row.readerId ?? null,
      locationId: row.locationId ?? null,
      hasCredentials: row.encryptedCredentials.length > 0,
      updatedAt: row.updatedAt,
    }));
  }

  /**
   * Stores (or replaces) the tenant's credentials at a provider and makes it
   * the gateway of the given methods, in one transaction. SIMULATOR takes no
   * credentials: it only switches methods back to the simulator.
   */
  async configure(ctx: TenantContext, input: ConfigureGatewayInput): Promise<Tenant> {
    return inTransaction(ctx, async (tx) => {
      const tenant = await tx.em.findOne(Tenant, { id: tx.tenantId });
      if (!tenant) throw notFound('Tenant', tx.tenantId);
      if (input.provider !== 'SIMULATOR') await this.storeAccount(tx, input.provider, input);
      if (input.methods.includes('CARD')) tenant.paymentGateway = input.provider;
      if (input.methods.includes('MOBILE_WALLET')) tenant.walletPaymentGateway = input.provider;
      // Which provider now takes which methods; never the credentials themselves.
      tx.services.audit.record(tx, {
        type: 'payment_gateway.configured',
        subjectType: 'Tenant',
        subjectId: tenant.id,
        data: {
          provider: input.provider,
          methods: input.methods,
          credentialsChanged: Boolean(input.apiKey || input.webhookSecret),
        },
      });
      await tx.em.flush();
      return tenant;
    });
  }

  private async storeAccount(tx: TenantContext, provider: Provider, input: ConfigureGatewayInput): Promise<void> {
    const existing = await tx.em.findOne(PaymentGatewayAccount, { tenant: tx.tenantId, provider });
    if (!existing && (!input.apiKey || !input.webhookSecret)) {
      throw badInput('apiKey', `${provider} needs apiKey and webhookSecret the first time`);
    }
    if (provider === 'SQUARE' && !existing?.locationId && !input.locationId) {
      throw badInput('locationId', 'SQUARE needs the location the payments belong to');
    }
    const secrets = existing ? this.open(tx.tenantId, existing.encryptedCredentials) : {};
    const merged = {
      ...secrets,
      ...(input.apiKey ? { apiKey: input.apiKey } : {}),
      ...(input.webhookSecret ? { webhookSecret: input.webhookSecret } : {}),
    };
    const account =
      existing ??
      tx.em.create(PaymentGatewayAccount, {
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        provider,
        encryptedCredentials: '',
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    account.encryptedCredentials = this.cipher.seal(tx.tenantId, JSON.stringify(merged));
    if (input.readerId) account.readerId = input.readerId;
    if (input.locationId) account.locationId = input.locationId;
  }

  private open(tenantId: string, sealed: string): ProviderSecrets {
    return JSON.parse(this.cipher.open(tenantId, sealed)) as ProviderSecrets;
  }
}
