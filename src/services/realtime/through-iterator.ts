/**
 * An async iterator that passes each of `source`'s results through `step`.
 * Hand-written rather than an async generator: its return() reaches `source`
 * at once, even while a next() waits for an event (an async generator would
 * queue the return() behind that next(), and a subscription would outlive
 * its client until the next event).
 */
export function throughIterator<T, R>(
  source: AsyncIterator<T>,
  step: (result: IteratorResult<T>) => Promise<IteratorResult<R>>,
): AsyncIterableIterator<R> {
  const iterator: AsyncIterableIterator<R> = {
    next: async () => step(await source.next()),
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
