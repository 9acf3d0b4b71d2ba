import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';

/** A store or warehouse: stock is held, and registers stand, at a location. */
@Entity({ tableName: 'locations' })
@TenantScoped()
@Unique({ properties: ['tenant', 'code'] })
export class Location extends TenantOwned {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 20 })
  code!: string;

  /** IANA name; a sale's day is its completion date in this zone (docs/money.md, Days). */
  @Property({ type: 'string', length: 64 })
  timezone: string = 'UTC';

  @Property({ type: 'boolean' })
  isActive: boolean = true;
}
