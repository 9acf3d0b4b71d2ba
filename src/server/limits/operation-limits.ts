import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  ParseOptions,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import type { OperationLimits } from './limits-config';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: QUERY_TOO_COMPLEX } });
}

/**
 * GraphQL Armor reports a limit by throwing out of validation; instead each
 * breach becomes a validation error with our code, so the transport answers it
 * like any invalid operation and nothing is executed.
 */
function reportAs(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, '')));
}

const armor = { propagateOnRejection: false, onReject: [reportAs], exposeLimits: true };

/**
 * The validation rules every operation passes before it runs, over HTTP and
 * WebSocket alike. Introspection is counted like any other selection (a nested
 * `__type { fields { type { fields ... } } }` is the classic memory bomb).
 */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...armor }),
    maxAliasesRule({ n: limits.maxAliases, ...armor }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armor }),
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: false, flattenFragments: true, ...armor }),
    ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}

/** graphql-js stops lexing at the first token over the limit, so a huge document costs no more than a small one. */
export function limitParseOptions(limits: OperationLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/** graphql-js's own wording when `maxTokens` stops the parser (16.x spells it "more that"); test/security pins it. */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/**
 * The error a client sees for an operation over a limit, or null. The token
 * limit is hit by the parser (a syntax error to the transport), the others
 * come back as validation errors carrying our code.
 */
export function asQueryTooComplex(error: unknown): GraphQLError | null {
  const original = ((error as { originalError?: unknown })?.originalError ?? error) as GraphQLError | undefined;
  if (original?.extensions?.code === QUERY_TOO_COMPLEX) return original;
  if (typeof original?.message === 'string' && TOKEN_LIMIT_MESSAGE.test(original.message)) {
    return tooComplex(original.message.replace(/^Syntax Error: /, ''));
  }
  return null;
}
