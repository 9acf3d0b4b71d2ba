import { Entity, Enum, ManyToOne, Property, Ref } from '@mikro-orm/core';
import Decimal from 'decimal.js';
import { DecimalType } from '../db/decimal.type';
import { PosSession } from './pos-session.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

export enum CashMovementType {
  PAY_IN = 'PAY_IN',
  PAY_OUT = 'PAY_OUT',
}

/** Cash put into or taken out of a drawer outside a sale (float top-up, paying a courier). */
@Entity({ tableName: 'cash_movements' })
@TenantScoped()
export class CashMovement extends TenantOwned {
  @ManyToOne(() => PosSession, { ref: true, index: true })
  session!: Ref<PosSession>;

  @Enum({ items: () => CashMovementType, nativeEnumName: 'cash_movement_type' })
  type!: CashMovementType;

  /** Always positive; `type` gives the direction. */
  @Property({ type: DecimalType, precision: 15, scale: 4 })
  amount!: Decimal;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @ManyToOne(() => User, { ref: true })
  performedBy!: Ref<User>;
}
