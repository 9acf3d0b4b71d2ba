import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../auth/actor';
import { Permission, permissionsForRoles } from '../../auth/permissions';
import { hashSecret, verifySecret } from '../../auth/password';
import { TokenSigner } from '../../auth/tokens';
import { RequestContext, TenantContext } from '../../context';
import { Tenant, User } from '../../entities';
import { Role } from '../../entities/enums';
import { DomainError, unauthenticated } from '../../errors';
import { TENANT_FILTER } from '../../entities/tenant-scoped';
import { isUuid } from '../core/ids';
import { inTransaction } from '../core/transaction';
import { AttemptKey, AttemptThrottle, TooManyAttempts } from '../security/attempt-throttle';
import { AuditLog } from '../security/audit-log';
import { UserCredentialCache } from '../security/user-credentials';
import { deviceTokenUsable } from './tenancy.sql';

export interface LoginInput {
  tenantSlug: string;
  email: string;
  password: string;
}

export interface AuthResult {
  token: string;
  user: User;
}

/** Resolves who is calling, and turns credentials into tokens. */
export class AuthService {
  constructor(
    private readonly signer: TokenSigner,
    private readonly credentials: UserCredentialCache,
    private readonly throttle: AttemptThrottle,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Verifies a bearer token and returns the actor with its tenant and
   * permissions. A user token holds while its user exists, is active and has
   * the stamp the token was signed with; the roles are the user's roles now.
   */
  async authenticate(
    em: EntityManager,
    token: string,
  ): Promise<{ tenantId: string; actor: Actor; permissions: Set<Permission> }> {
    const claims = this.signer.verify(token);
    if (claims.typ === 'user') {
      const state = await this.credentials.get(em, claims.tid, claims.sub);
      if (!state || !state.isActive || state.tokenVersion !== (claims.ver ?? 0)) throw unauthenticated('Token revoked');
      return {
        tenantId: claims.tid,
        actor: { kind: 'user', userId: claims.sub, roles: state.roles },
        permissions: permissionsForRoles(state.roles),
      };
    }
    // Checked on every request, so a revoked token (or its deactivated terminal) ends at once.
    const usable = isUuid(claims.sub) && isUuid(claims.tid) && (await deviceTokenUsable(em, claims.tid, claims.sub));
    if (!usable) throw unauthenticated('Device token revoked');
    return {
      tenantId: claims.tid,
      actor: { kind: 'device', tokenId: claims.sub, terminalId: claims.trm, deviceKind: claims.knd },
      permissions: new Set<Permission>([`device:${claims.knd}`]),
    };
  }

  /**
   * Email + password within one tenant. Unknown tenant, unknown email and a
   * wrong password all answer the same UNAUTHENTICATED, after the same hash
   * work. Failures are throttled per tenant+email and per client address
   * (TOO_MANY_ATTEMPTS, before any hash work) and every outcome is audited.
   */
  async login(ctx: RequestContext, input: LoginInput): Promise<AuthResult> {
    const em = ctx.em.fork();
    const slug = input.tenantSlug.toLowerCase();
    const email = input.email.toLowerCase();
    const keys: AttemptKey[] = [{ kind: 'loginAccount', key: `${slug}:${email}` }];
    if (ctx.clientAddress) keys.push({ kind: 'loginAddress', key: ctx.clientAddress });
    const tenant = await em.findOne(Tenant, { slug });
    const audit = (type: 'login.succeeded' | 'login.failed' | 'login.throttled', userId: string | null) =>
      tenant
        ? this.audit.recordAlone(ctx, tenant.id, {
            type,
            actorId: userId,
            subjectType: 'User',
            subjectId: userId,
            data: { email, address: ctx.clientAddress ?? null },
          })
        : undefined;
    const user = tenant
      ? await em.findOne(
          User,
          { tenant: tenant.id, email },
          { filters: { [TENANT_FILTER]: false }, populate: ['passwordHash'] },
        )
      : null;
    try {
      await this.throttle.assertAllowed(keys);
    } catch (error) {
      if (error instanceof TooManyAttempts) await audit('login.throttled', user?.id ?? null);
      throw error;
    }
    const ok = await verifySecret(user?.passwordHash ?? (await dummyHash()), input.password);
    if (!user || !ok || !user.isActive) {
      await this.throttle.recordFailure(keys);
      await audit('login.failed', user?.id ?? null);
      ctx.log.warn({ email, tenantSlug: slug, address: ctx.clientAddress }, 'login failed');
      throw unauthenticated('Invalid email or password');
    }
    await this.throttle.reset(keys.slice(0, 1));
    await audit('login.succeeded', user.id);
    return { token: this.issueUserToken(user, tenant!.id), user };
  }

  issueUserToken(user: User, tenantId: string): string {
    return this.signer.signUser({ sub: user.id, tid: tenantId, roles: user.roles, ver: user.tokenVersion });
  }

  signDeviceToken(tokenId: string, tenantId: string, terminalId: string, kind: 'DISPLAY' | 'HARDWARE_AGENT'): string {
    return this.signer.signDevice({ sub: tokenId, tid: tenantId, trm: terminalId, knd: kind });
  }

  /** The signed-in user (not a device). */
  async me(ctx: TenantContext): Promise<User> {
    if (ctx.actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only users have a profile');
    const user = await ctx.em.findOne(User, { id: ctx.actor.userId, tenant: ctx.tenantId });
    if (!user || !user.isActive) throw unauthenticated('User no longer exists');
    return user;
  }

  /** Creates a user of the caller's tenant. */
  async createUser(
    ctx: TenantContext,
    input: { email: string; password: string; name: string; roles: Role[]; pin?: string },
  ): Promise<User> {
    const [passwordHash, pinHash] = await Promise.all([
      hashSecret(input.password),
      input.pin ? hashSecret(input.pin) : Promise.resolve(null),
    ]);
    return inTransaction(ctx, async (tx) => {
      const user = tx.em.create(User, {
        id: randomUUID(),
        tenant: tx.em.getReference(Tenant, tx.tenantId),
        email: input.email.toLowerCase(),
        name: input.name,
        roles: [...new Set(input.roles)],
        passwordHash,
        pinHash,
        isActive: true,
        createdAt: new Date(),
      });
      this.audit.record(tx, {
        type: 'user.created',
        subjectType: 'User',
        subjectId: user.id,
        data: { roles: user.roles },
      });
      await tx.em.flush();
      return user;
    });
  }
}

// Verifying against a real hash when the user is unknown keeps the timing of
// "no such user" equal to "wrong password".
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  return (dummy ??= hashSecret(randomUUID()));
}
