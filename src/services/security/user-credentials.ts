import { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../entities/enums';
import { isUuid } from '../core/ids';
import { query } from '../core/sql';
import { USER_STANDING } from './security.sql';

/** What a user token is checked against on every request: the user's row as it is now. */
export interface UserCredentialState {
  roles: Role[];
  isActive: boolean;
  tokenVersion: number;
}

/**
 * The users' credential rows, cached per process so the per-request check
 * costs no statement on the hot path (checkout). Every change to a user's
 * roles, activity or credentials stamp evicts the entry on every instance
 * (Revocations, through the event bus) before the change is answered to
 * anyone, which keeps "the next request sees it". The TTL is only a
 * backstop for changes made outside the API (a row edited or deleted in SQL).
 *
 * A generation per user guards the race where a read that started before an
 * eviction finishes after it: its result is not cached.
 */
export class UserCredentialCache {
  private readonly entries = new Map<string, { state: UserCredentialState | null; expiresAt: number }>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  async get(em: EntityManager, tenantId: string, userId: string): Promise<UserCredentialState | null> {
    if (!isUuid(userId) || !isUuid(tenantId)) return null;
    const key = `${tenantId}:${userId}`;
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.state;
    const generation = this.generations.get(key) ?? 0;
    const rows: Array<{ roles: Role[]; is_active: boolean; token_version: number }> = await query(em, USER_STANDING, {
      user: userId,
      tenant: tenantId,
    });
    const state = rows[0]
      ? { roles: rows[0].roles, isActive: rows[0].is_active, tokenVersion: rows[0].token_version }
      : null;
    if ((this.generations.get(key) ?? 0) === generation && this.ttlMs > 0) {
      this.entries.set(key, { state, expiresAt: Date.now() + this.ttlMs });
    }
    return state;
  }

  evict(tenantId: string, userId: string): void {
    const key = `${tenantId}:${userId}`;
    this.entries.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }
}
