import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import { ormConfig } from './mikro-orm.config';
import { QueryListener } from './query-observer';

export async function initOrm(url: string, onQuery?: QueryListener): Promise<MikroORM> {
  return MikroORM.init(ormConfig(url, {}, onQuery));
}

/** Applies every pending migration in one transaction (all or nothing). */
export async function migrateToLatest(orm: MikroORM, log?: Logger): Promise<void> {
  const applied = await orm.getMigrator().up();
  if (applied.length) log?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
}
