import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A graphql-ws client (the same library the display page and the agent use)
 * against a test server, and subscriptions whose events are collected so a
 * test can wait for the one it expects.
 */
export function wsClient(httpUrl: string, token?: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Collected<T> {
  values: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves with the first collected value (already received or later) that matches. */
  waitFor(match: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves with the subscription's error (a refused subscription). */
  waitForError(timeoutMs?: number): Promise<unknown>;
  /** Resolves once the server has ended the subscription. */
  waitForCompletion(timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Collected<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const wake: Array<() => void> = [];
  const notify = () => wake.splice(0).forEach((fn) => fn());
  const state = { completed: false };
  const stop = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) errors.push(result.errors);
        else if (result.data) values.push(result.data[field]);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: () => {
        state.completed = true;
        notify();
      },
    },
  );

  async function until<R>(check: () => R | undefined, timeoutMs: number, what: string): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what}; values: ${JSON.stringify(values)}; errors: ${JSON.stringify(errors)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  return {
    values,
    errors,
    get completed() {
      return state.completed;
    },
    waitFor: (match, timeoutMs = 10_000) => until(() => values.find(match), timeoutMs, `a ${field} event`),
    waitForError: (timeoutMs = 10_000) => until(() => errors[0], timeoutMs, `a ${field} error`),
    waitForCompletion: async (timeoutMs = 10_000) => {
      await until(() => (state.completed ? true : undefined), timeoutMs, `the end of ${field}`);
    },
    stop,
  };
}

/** The first GraphQL error code in what a refused subscription reported. */
export function subscriptionErrorCode(error: unknown): string | undefined {
  const list = Array.isArray(error) ? error : [error];
  return (list[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
}
