import { Entity, Enum, Index, ManyToOne, Opt, Property, Ref, Unique } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { PosTerminal } from './pos-terminal.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

export enum PosSessionStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  /** The plan's enum value; this module never produces it (reconciliation is a stamp on a CLOSED session). */
  RECONCILING = 'RECONCILING',
}

/** A cash count: denomination ("100", "0.25") -> number of notes or coins. */
import type { CashCount } from '../money/money-enums';

export type { CashCount };

export const OPEN_SESSION_PER_TERMINAL = 'pos_sessions_open_terminal_unique';

/**
 * One cash drawer from opening to closing. At most one OPEN session per
 * terminal, enforced by a partial unique index (the database decides between
 * two concurrent openings, not a read before the write).
 */
@Entity({ tableName: 'pos_sessions' })
@TenantScoped()
@Unique({ properties: ['tenant', 'sessionNumber'] })
@Unique({
  name: OPEN_SESSION_PER_TERMINAL,
  expression: `create unique index "${OPEN_SESSION_PER_TERMINAL}" on "pos_sessions" ("tenant_id", "terminal_id") where "status" = 'OPEN'`,
})
@Index({ properties: ['tenant', 'openedAt'] })
export class PosSession extends TenantOwned {
  /** "S-000001": gapless per tenant (document counter series "session"). */
  @Property({ type: 'string', length: 50 })
  sessionNumber!: string;

  @Property({ type: DecimalType, precision: 15, scale: 4 })
  openingBalance!: Decimal;

  /** The counted cash at closing. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  closingBalance?: Decimal | null;

  /** What the drawer should hold at closing (docs/money.md, Cash sessions); set when the session closes. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  expectedBalance?: Decimal | null;

  /** closingBalance - expectedBalance: negative means the drawer is short. */
  @Property({ type: DecimalType, precision: 15, scale: 4, nullable: true })
  variance?: Decimal | null;

  @Enum({ items: () => PosSessionStatus, nativeEnumName: 'pos_session_status', index: true })
  status: PosSessionStatus = PosSessionStatus.OPEN;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  openedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'json', nullable: true })
  openingCount?: CashCount | null;

  @Property({ type: 'json', nullable: true })
  closingCount?: CashCount | null;

  /** The closer's notes. */
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @ManyToOne(() => PosTerminal, { ref: true, index: true })
  terminal!: Ref<PosTerminal>;

  @ManyToOne(() => User, { ref: true })
  openedBy!: Ref<User>;

  @ManyToOne(() => User, { ref: true, nullable: true })
  closedBy?: Ref<User> | null;

  /**
   * Closed by the auto-close job without a count (closingBalance and variance
   * unknown): a manager must count the drawer and reconcile; reconcileSession clears it.
   */
  @Property({ type: 'boolean', default: false })
  needsReconciliation: Opt<boolean> = false;

  /** A manager's sign-off of the closing figures (reconcileSession); null until then. */
  @Property({ type: 'timestamptz', nullable: true })
  reconciledAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  reconciledBy?: Ref<User> | null;

  @Property({ type: 'text', nullable: true })
  reconcileNotes?: string | null;
}
