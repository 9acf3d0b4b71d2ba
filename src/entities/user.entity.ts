import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantOwned, TenantScoped } from './tenant-scoped';
import { Role } from './enums';

@Entity({ tableName: 'users' })
@TenantScoped()
@Unique({ properties: ['tenant', 'email'] })
export class User extends TenantOwned {
  /** Stored lower-cased: logins are case-insensitive on email. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 200, hidden: true, lazy: true })
  passwordHash!: string;

  /** A manager's approval PIN (argon2 hash), for discounts above the threshold. */
  @Property({ type: 'string', length: 200, hidden: true, lazy: true, nullable: true })
  pinHash?: string | null;

  @Property({ type: 'text[]' })
  roles: Role[] = [];

  @Property({ type: 'boolean' })
  isActive: boolean = true;
}
