import { Entity, Enum, ManyToOne, Property, Ref } from '@mikro-orm/core';
import { PosTerminal } from './pos-terminal.entity';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { User } from './user.entity';

export enum DeviceTokenKind {
  DISPLAY = 'DISPLAY',
  HARDWARE_AGENT = 'HARDWARE_AGENT',
}

/**
 * A device credential bound to one terminal and one kind. The token itself is
 * a JWT naming this row's id; it is valid while the row is not revoked and
 * its terminal is active (checked on every request).
 */
@Entity({ tableName: 'device_tokens' })
@TenantScoped()
export class DeviceToken extends TenantOwned {
  @ManyToOne(() => PosTerminal, { ref: true, index: true })
  terminal!: Ref<PosTerminal>;

  @Enum({ items: () => DeviceTokenKind, nativeEnumName: 'device_token_kind' })
  kind!: DeviceTokenKind;

  @Property({ type: 'string', length: 100, nullable: true })
  label?: string | null;

  @ManyToOne(() => User, { ref: true })
  createdBy!: Ref<User>;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
