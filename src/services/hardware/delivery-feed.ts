/**
 * A subscription feed that first yields a backlog (ids read from the database)
 * and then live events, each id at most once per feed, and only while
 * `claim` still hands the item out (it returns null for work that is no
 * longer pending, e.g. acknowledged meanwhile).
 *
 * Hand-written rather than an async generator: `return()` must end the
 * feed at once, also while a `next()` is waiting for the next live event
 * (an async generator would wait for that event before running its finally).
 */
export function deliveryFeed<T>(
  backlog: readonly string[],
  live: AsyncIterableIterator<{ id: string }>,
  claim: (id: string) => Promise<T | null>,
): AsyncIterableIterator<T> {
  const pending = [...backlog];
  const seen = new Set<string>();
  let open = true;

  async function nextId(): Promise<string | null> {
    if (pending.length > 0) return pending.shift()!;
    const event = await live.next();
    return event.done ? null : event.value.id;
  }

  const feed: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (open) {
        const id = await nextId();
        if (id === null || !open) break;
        if (seen.has(id)) continue;
        seen.add(id);
        const item = await claim(id);
        if (item !== null && open) return { value: item, done: false };
      }
      return feed.return!();
    },
    async return(): Promise<IteratorResult<T>> {
      open = false;
      pending.length = 0;
      await live.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return feed;
    },
  };
  return feed;
}
