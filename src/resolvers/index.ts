import type { NonEmptyArray } from 'type-graphql';
import { AuthResolver } from './auth.resolver';
import { TenantResolver } from './tenant.resolver';

/** Every resolver class in the schema; new modules add theirs here. */
export const RESOLVERS: NonEmptyArray<Function> = [AuthResolver, TenantResolver];
