import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
export { DecimalScalar } from './decimal.scalar';
export { LocalDateScalar } from './local-date.scalar';
export { GraphQLJSON as JSONScalar };
/** docs/api.md `DateTime`: ISO 8601 in UTC. Every `Date` property maps to it (src/server/schema.ts). */
export { GraphQLDateTime as DateTimeScalar };
