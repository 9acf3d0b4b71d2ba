import { GraphQLJSON } from 'graphql-scalars';
export { DecimalScalar } from './decimal.scalar';
export { GraphQLJSON as JSONScalar };
