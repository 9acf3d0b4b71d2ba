import {
  createSourceEventStream,
  execute,
  ExecutionArgs,
  ExecutionResult,
  getOperationAST,
  Kind,
  print,
} from 'graphql';
import type { RequestContext } from '../context';
import { throughIterator } from '../services/realtime/through-iterator';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql-ws `subscribe` for feeds whose events read the same for every
 * subscriber: graphql-js runs the selection set once per event and
 * subscriber, which for 200 customer displays on one terminal is 200
 * identical executions before the last screen hears of the change.
 *
 * For the root fields in `sharedFields` (their results may depend only on the
 * event, never on the subscriber's context), subscribers of one tenant with
 * the same document, operation and variables share one execution per event:
 * the event bus hands every listener of a topic the same parsed payload
 * object, and the result is kept beside it (WeakMap) for as long as it
 * lives. Everything else (the source stream with its access checks, other
 * fields) is graphql-js's own.
 */
export function sharedSubscribe(sharedFields: readonly string[]) {
  const shared = new Set(sharedFields);
  const resultsByEvent = new WeakMap<object, Map<string, Result>>();

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream; // the errors of a refused subscription
    const key = sharingKey(args, shared);
    const run = (event: unknown): Result => execute({ ...args, rootValue: event });
    const resultOf = (event: unknown): Result => {
      if (key === null || typeof event !== 'object' || event === null) return run(event);
      let results = resultsByEvent.get(event);
      if (!results) resultsByEvent.set(event, (results = new Map()));
      let result = results.get(key);
      if (!result) results.set(key, (result = run(event)));
      return result;
    };
    return throughIterator<unknown, ExecutionResult>(stream[Symbol.asyncIterator](), async (event) =>
      event.done ? { value: undefined, done: true } : { value: await resultOf(event.value), done: false },
    );
  };
}

/** What subscribers must have in common to share an execution; null when the root field is not shared. */
function sharingKey(args: ExecutionArgs, shared: ReadonlySet<string>): string | null {
  const operation = getOperationAST(args.document, args.operationName);
  const fields = operation?.selectionSet.selections ?? [];
  if (fields.length !== 1 || fields[0].kind !== Kind.FIELD || !shared.has(fields[0].name.value)) return null;
  const tenant = (args.contextValue as RequestContext & { tenantId?: string }).tenantId ?? '';
  return [tenant, args.operationName ?? '', JSON.stringify(args.variableValues ?? {}), print(args.document)].join('\n');
}
