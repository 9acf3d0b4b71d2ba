import { Entity, Index, Property } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { Dec } from '../money/decimal';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/** A known buyer; walk-in sales have none. */
@Entity({ tableName: 'customers' })
@TenantScoped()
@Index({ properties: ['tenant', 'email'] })
export class Customer extends TenantOwned {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  phone?: string | null;

  /** Spent by CREDIT payments; never below zero (docs/money.md, Payments). */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  storeCreditBalance: Decimal = new Dec(0);
}
