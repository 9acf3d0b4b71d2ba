import type { Actor } from '../../auth/actor';
import type { RequestContext, TenantContext } from '../../context';
import type { Logger } from '../../logger';
import type { EventBus } from '../realtime/event-bus';
import { throughIterator } from '../realtime/through-iterator';
import { afterCommit } from '../core/transaction';
import { UserCredentialCache } from './user-credentials';

/** Something whose credentials just changed: a user, one device token, or every device token of a terminal. */
export type Revocation =
  | { tenantId: string; userId: string }
  | { tenantId: string; deviceTokenId: string }
  | { tenantId: string; terminalId: string };

const TOPIC = 'security.revocations';

/**
 * Carries credential changes to every instance (the event bus: Redis when
 * configured, else in-process): each one evicts the user from its
 * credential cache and ends the open subscriptions the change concerns. A
 * subscription's context (its roles, its token) was fixed when it started,
 * so any change ends it; the client resubscribes with what it now holds.
 */
export class Revocations {
  private readonly open = new Map<string, Set<() => void>>();
  private feed?: AsyncIterableIterator<Revocation>;

  constructor(
    private readonly events: EventBus,
    private readonly credentials: UserCredentialCache,
    private readonly log: Logger,
  ) {}

  /** Subscribes to the topic; resolves once registered. */
  async start(): Promise<void> {
    const feed = (this.feed = await this.events.listen<Revocation>(TOPIC));
    void (async () => {
      for await (const revocation of feed) this.apply(revocation);
    })().catch((error) => this.log.error({ err: error }, 'revocation feed failed'));
  }

  async stop(): Promise<void> {
    await this.feed?.return?.();
  }

  /**
   * Once the change commits: applied here at once (so this instance's next
   * request already sees it), then published to the other instances.
   */
  async announce(ctx: RequestContext, revocation: Revocation): Promise<void> {
    await afterCommit(ctx, async () => {
      this.apply(revocation);
      await this.events.publish(TOPIC, revocation);
    });
  }

  /** Ends `source` (it completes) when a revocation concerning the subscriber's actor arrives. */
  guard<T>(ctx: TenantContext, source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    const keys = actorKeys(ctx.tenantId, ctx.actor);
    const end = () => {
      ctx.log.info({ actor: ctx.actor }, 'credentials changed: subscription ended');
      void guarded.return!();
    };
    for (const key of keys) (this.open.get(key) ?? this.open.set(key, new Set()).get(key)!).add(end);
    const guarded = throughIterator(source, async (result) => result);
    const release = guarded.return!.bind(guarded);
    guarded.return = async () => {
      for (const key of keys) {
        const ends = this.open.get(key);
        ends?.delete(end);
        if (ends?.size === 0) this.open.delete(key);
      }
      return release();
    };
    return guarded;
  }

  /** How many open subscriptions this revocation would end on this instance. */
  watching(revocation: Revocation): number {
    return this.open.get(revocationKey(revocation))?.size ?? 0;
  }

  private apply(revocation: Revocation): void {
    if ('userId' in revocation) this.credentials.evict(revocation.tenantId, revocation.userId);
    const key = revocationKey(revocation);
    for (const end of [...(this.open.get(key) ?? [])]) end();
  }
}

function revocationKey(r: Revocation): string {
  if ('userId' in r) return `${r.tenantId}:user:${r.userId}`;
  if ('deviceTokenId' in r) return `${r.tenantId}:device:${r.deviceTokenId}`;
  return `${r.tenantId}:terminal:${r.terminalId}`;
}

function actorKeys(tenantId: string, actor: Actor): string[] {
  if (actor.kind === 'user') return [revocationKey({ tenantId, userId: actor.userId })];
  return [
    revocationKey({ tenantId, deviceTokenId: actor.tokenId }),
    revocationKey({ tenantId, terminalId: actor.terminalId }),
  ];
}
