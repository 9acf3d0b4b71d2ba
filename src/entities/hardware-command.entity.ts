import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { PosTerminal } from './pos-terminal.entity';
import { Sale } from './sale.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

export enum HardwareCommandKind {
  PRINT_RECEIPT = 'PRINT_RECEIPT',
  OPEN_DRAWER = 'OPEN_DRAWER',
}

export enum HardwareCommandStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/**
 * Work for a terminal's hardware agent (print a receipt, open the drawer).
 * The row is the durable queue: it stays PENDING until the agent acknowledges
 * it, so an agent that was offline receives it when it reconnects. DONE and
 * FAILED are final and never delivered again.
 */
@Entity({ tableName: 'hardware_commands' })
@TenantScoped()
@Index({ properties: ['tenant', 'terminalId', 'status', 'createdAt'] })
export class HardwareCommand extends TenantOwned {
  @ManyToOne(() => PosTerminal, { mapToPk: true, fieldName: 'terminal_id' })
  terminalId!: string;

  @Enum({ items: () => HardwareCommandKind, nativeEnumName: 'hardware_command_kind' })
  kind!: HardwareCommandKind;

  /**
   * What the agent needs and nothing else to fetch: PRINT_RECEIPT
   * `{ saleId, receipt: ReceiptData }` (rendered when issued), OPEN_DRAWER
   * `{ reason, saleId? }`.
   */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Enum({ items: () => HardwareCommandStatus, nativeEnumName: 'hardware_command_status' })
  status: HardwareCommandStatus = HardwareCommandStatus.PENDING;

  /** How many times it was handed to an agent connection (more than 1: redelivered after a drop). */
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  /** The sale it belongs to, when it came from one (receipt, drawer at a cash sale or refund). */
  @ManyToOne(() => Sale, { mapToPk: true, fieldName: 'sale_id', nullable: true, index: true })
  saleId?: string | null;

  @ManyToOne(() => User, { mapToPk: true, fieldName: 'created_by_id' })
  createdById!: string;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;
}
