import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * A tenant's credentials at one provider (STRIPE, SQUARE). The secrets are
 * kept as AES-256-GCM ciphertext (src/services/core/secret-cipher.ts)
 * under a key from the environment; no API field ever returns them.
 */
@Entity({ tableName: 'payment_gateway_accounts' })
@TenantScoped()
@Unique({ properties: ['tenant', 'provider'] })
export class PaymentGatewayAccount extends TenantOwned {
  @Property({ type: 'string', length: 40 })
  provider!: string;

  /** The encrypted JSON of the provider's secrets (API key / access token, webhook signing secret). */
  @Property({ type: 'text' })
  encryptedCredentials!: string;

  /** Not secret: the card reader (Stripe reader id, Square device id) payments are sent to. */
  @Property({ type: 'string', length: 255, nullable: true })
  readerId?: string | null;

  /** Not secret: the provider's location (Square); null for Stripe. */
  @Property({ type: 'string', length: 255, nullable: true })
  locationId?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
