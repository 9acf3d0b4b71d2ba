/**
 * `live`'s events, plus a fresh state from `load` each time `onResync`
 * fires (the bus reconnected to Redis: events published meanwhile were
 * lost). Hand-written like throughIterator: return() reaches `live` at once.
 */
export function withResync<T>(
  live: AsyncIterableIterator<T>,
  onResync: (listener: () => void) => () => void,
  load: () => Promise<T | null>,
): AsyncIterableIterator<T> {
  const injected: T[] = [];
  let wake: (() => void) | undefined;
  let pending: Promise<IteratorResult<T>> | undefined;
  const off = onResync(() => {
    load().then(
      (value) => {
        if (value === null) return;
        injected.push(value);
        wake?.();
      },
      () => {}, // the database is down too: the next live event repairs the display
    );
  });
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        if (injected.length) return { value: injected.shift()!, done: false };
        pending ??= live.next();
        const woken = new Promise<'woken'>((resolve) => (wake = () => resolve('woken')));
        const result = await Promise.race([pending, woken]);
        wake = undefined;
        if (result === 'woken') continue;
        pending = undefined;
        return result;
      }
    },
    async return() {
      off();
      wake?.();
      await live.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
