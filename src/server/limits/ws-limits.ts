import { createHash } from 'node:crypto';
import { ExecutionArgs, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { ConnectionLimits, OperationLimits } from './limits-config';
import { controlCharacterError } from './control-characters';
import { asQueryTooComplex, limitParseOptions, limitRules } from './operation-limits';

/** Close codes of our own (docs/security.md); 4429 is one the graphql-ws client does not retry. */
export const CLOSE_TOO_MANY = 4429;

type WsContext = Context<{ authorization?: string }, Extra>;

function withCode(error: GraphQLError, code: string): GraphQLError {
  return (
    asQueryTooComplex(error) ??
    new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } })
  );
}

/**
 * What graphql-ws does with a `subscribe` message, with the limits HTTP has:
 * the same token-bounded parse, the same validation rules, the same input
 * string check, and at most N operations open on one socket.
 */
export function guardedOperation(schema: GraphQLSchema, operations: OperationLimits, connections: ConnectionLimits) {
  const limits = limitRules(operations);
  const parseOptions = limitParseOptions(operations);
  return (ctx: WsContext, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] | undefined => {
    // graphql-ws registers the id before calling us, so the count includes this one.
    if (Object.keys(ctx.subscriptions).length > connections.maxSubscriptionsPerConnection) {
      ctx.extra.socket.close(CLOSE_TOO_MANY, 'Too many subscriptions on this connection');
      return [
        new GraphQLError('Too many subscriptions on this connection', {
          extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
        }),
      ];
    }
    let document;
    try {
      document = parse(payload.query, parseOptions);
    } catch (error) {
      return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
    }
    // The limits first, on their own: an operation over them never reaches the (costlier) standard rules.
    let errors = validate(schema, document, limits);
    if (errors.length === 0) errors = validate(schema, document, specifiedRules);
    if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
    const badInput = controlCharacterError(document, payload.variables);
    if (badInput) return [badInput];
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
  };
}

/** Sockets per token on this instance; one over the limit is closed at `connection_init`. */
export class ConnectionsPerToken {
  private readonly open = new Map<string, number>();
  private readonly keyOf = new WeakMap<object, string>();

  constructor(private readonly max: number) {}

  /** False (and the socket closed with 4429) when the token already holds `max` sockets. */
  admit(ctx: WsContext, authorization: string): boolean {
    const key = createHash('sha256').update(authorization).digest('base64url');
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) {
      ctx.extra.socket.close(CLOSE_TOO_MANY, 'Too many connections for this token');
      return false;
    }
    this.open.set(key, count + 1);
    this.keyOf.set(ctx, key);
    return true;
  }

  release(ctx: WsContext): void {
    const key = this.keyOf.get(ctx);
    if (key === undefined) return;
    this.keyOf.delete(ctx);
    const left = (this.open.get(key) ?? 1) - 1;
    if (left > 0) this.open.set(key, left);
    else this.open.delete(key);
  }
}
