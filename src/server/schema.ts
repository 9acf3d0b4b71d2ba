import 'reflect-metadata';
import Decimal from 'decimal.js';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { RESOLVERS } from '../resolvers';
import '../schema/enums';
import { DateTimeScalar, DecimalScalar } from '../schema/scalars';

let built: Promise<GraphQLSchema> | undefined;

/** Built once per process: schema construction is far too slow for a request path. */
export function getSchema(): Promise<GraphQLSchema> {
  return (built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
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
