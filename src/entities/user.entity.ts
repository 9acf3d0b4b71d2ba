import { Entity, Opt, Property, Unique } from '@mikro-orm/core';
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

  /**
   * The credentials stamp: every user token carries the value it was signed
   * with, and a token whose stamp is older than this is refused. Bumped by a
   * password reset or change and by revokeUserTokens.
   */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: Opt<number> = 0;
}
