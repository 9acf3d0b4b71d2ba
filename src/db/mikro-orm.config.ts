import { defineConfig, Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../../migrations';
import { observingLoggerFactory, QueryListener } from './query-observer';

/**
 * The one ORM configuration: explicit entity and migration lists, so the same
 * config works compiled (dist) and under the test transformer.
 */
export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}, onQuery?: QueryListener): Options {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // Every row carries its own tenant_id and every query filters on it: joining each to-one
    // reference only to re-apply the tenant filter to it doubled the cost of every read.
    autoJoinRefsForFilters: false,
    pool: { min: 0, max: Number(process.env.DB_POOL_MAX ?? 10) },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: path.resolve(__dirname, '../../migrations'),
      pathTs: path.resolve(__dirname, '../../migrations'),
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      silent: true,
      snapshot: false,
      emit: 'ts',
    },
    debug: process.env.SQL_DEBUG === '1',
    ...(onQuery ? { loggerFactory: observingLoggerFactory(onQuery) } : {}),
    ...overrides,
  });
}

/** Used by the mikro-orm CLI (migration:create) only. */
export default ormConfig(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pos_dev');
