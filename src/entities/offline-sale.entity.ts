import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { PosTerminal } from './pos-terminal.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

/** What the server found checking a sale a register made offline (docs/offline.md). */
export type OfflineWarning = {
  code: string;
  message: string;
  productId?: string | null;
};

/**
 * A sale a register made offline and replayed: its id is the sale's (the
 * register's client id), kept with the register's number and total beside
 * the server's recomputation and the warnings; `flagged` rows are the
 * flagged-sales report.
 */
@Entity({ tableName: 'offline_sales' })
@TenantScoped()
@Index({ properties: ['tenant', 'flagged', 'createdAt'] })
export class OfflineSale extends TenantOwned {
  @ManyToOne(() => PosTerminal, { mapToPk: true, fieldName: 'terminal_id', index: true })
  terminalId!: string;

  /** The register's own number for the sale (its terminal series). */
  @Property({ type: 'integer' })
  registerNumber!: number;

  /** The total the register charged. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  registerTotal!: Decimal;

  /** The server's total for the same lines, prices and discounts. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  computedTotal!: Decimal;

  @Property({ type: 'json' })
  warnings: OfflineWarning[] = [];

  @Property({ type: 'boolean' })
  flagged: boolean = false;

  @Property({ type: 'timestamptz' })
  completedAt!: Date;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'submitted_by_id' })
  submittedById!: string;
}
