import { Entity, Property, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/**
 * One authorization as the simulated acquirer remembers it (docs/payments.md).
 * The simulator writes it outside the caller's transaction, as an external
 * acquirer would keep it whatever happens to our side: a refund after a restart
 * finds the sale's authorization.
 */
@Entity({ tableName: 'simulator_transactions' })
@TenantScoped()
@Unique({ properties: ['tenant', 'transactionRef'] })
@Unique({ properties: ['tenant', 'idempotencyKey'] })
export class SimulatorTransaction extends TenantOwned {
  @Property({ type: 'string', length: 100 })
  transactionRef!: string;

  @Property({ type: 'string', length: 255 })
  idempotencyKey!: string;

  /** The request the key was first used with; the same key with another request is refused. */
  @Property({ type: 'text' })
  requestFingerprint!: string;

  /** AUTHORIZED, DECLINED, CAPTURED or VOIDED. */
  @Property({ type: 'string', length: 20 })
  state!: string;

  /** True when the rules say the answer never arrives (the authorization stands). */
  @Property({ type: 'boolean' })
  answerLost: boolean = false;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  authorized: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  captured: Decimal = new Dec(0);

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  refunded: Decimal = new Dec(0);

  /** The authorize answer, as returned the first time. */
  @Property({ type: 'jsonb' })
  result!: Record<string, unknown>;
}

/** The first answer of a capture / void / refund by idempotency key: a retried call is not applied twice. */
@Entity({ tableName: 'simulator_follow_ups' })
@TenantScoped()
@Unique({ properties: ['tenant', 'idempotencyKey'] })
export class SimulatorFollowUp extends TenantOwned {
  /** `<operation>:<key>`. */
  @Property({ type: 'string', length: 300 })
  idempotencyKey!: string;

  @Property({ type: 'text' })
  requestFingerprint!: string;

  @Property({ type: 'jsonb' })
  result!: Record<string, unknown>;
}
