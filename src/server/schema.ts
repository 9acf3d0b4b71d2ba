import 'reflect-metadata';
import Decimal from 'decimal.js';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker';
import { RESOLVERS } from '../resolvers';
import '../schema/enums';
import { DateTimeScalar, DecimalScalar } from '../schema/scalars';

let built: Promise<GraphQLSchema> | undefined;

/**
 * TypeGraphQL insists on a pubSub once there are subscriptions. Ours all use
 * `subscribe:` functions that check access and build the topic from the
 * caller's tenant (services/subscription-access.ts); `topics:` strings would
 * bypass that, so this one refuses to be used. (The schema is shared by every
 * app in the process; each app's EventBus comes with the request context.)
 */
const noTopicSubscriptions = {
  publish(): never {
    throw new Error('publish through services.events, after commit');
  },
  subscribe(): never {
    throw new Error('subscriptions must use `subscribe:` (services/subscription-access.ts), not `topics:`');
  },
};

/** Built once per process: schema construction is far too slow for a request path. */
export function getSchema(): Promise<GraphQLSchema> {
  return (built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    pubSub: noTopicSubscriptions,
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    scalarsMap: [
      { type: Decimal, scalar: DecimalScalar },
      { type: Date, scalar: DateTimeScalar },
    ],
    emitSchemaFile: false,
  }));
}

/** The SDL committed as schema.graphql (sorted, so diffs show real changes only). */
export async function printSchemaFile(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
