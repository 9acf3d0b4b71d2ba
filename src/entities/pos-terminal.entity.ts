import { Entity, ManyToOne, Property, Ref, Unique } from '@mikro-orm/core';
import { Location } from './location.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/** A register: where sessions are opened and sales rung up, standing at one location. */
@Entity({ tableName: 'pos_terminals' })
@TenantScoped()
@Unique({ properties: ['tenant', 'code'] })
export class PosTerminal extends TenantOwned {
  @Property({ type: 'string', length: 100 })
  name!: string;

  /** "POS-001": upper-cased, never changed once created (sale numbers are `<code>-<counter>`). */
  @Property({ type: 'string', length: 20 })
  code!: string;

  /** Inactive: no new sessions, no sales, its device tokens refused; history kept. */
  @Property({ type: 'boolean' })
  isActive: boolean = true;

  /**
   * The card reader at this register (Stripe reader id, Square device id); null: the
   * gateway account's reader (docs/payments.md, "Readers").
   */
  @Property({ type: 'string', length: 100, nullable: true })
  paymentReaderId?: string | null;

  @ManyToOne(() => Location, { ref: true, index: true })
  location!: Ref<Location>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
