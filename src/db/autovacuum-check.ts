import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Why a server should say so at start when its PostgreSQL runs without
 * autovacuum: the planner then never gets statistics for the tables the
 * sales fill, costs them as empty, and picks plans that grow with the square
 * of the rows (a day-summary recompute of 626 sales took 750 ms instead of
 * 30 ms once analyzed; docs/production.md). Returns the warning to log, or
 * undefined when autovacuum is on.
 */
export async function autovacuumWarning(em: EntityManager): Promise<string | undefined> {
  const [row] = await em.getConnection().execute<Array<{ autovacuum: string }>>('show autovacuum');
  if (row.autovacuum === 'on') return undefined;
  return (
    'PostgreSQL runs with autovacuum off: tables get no statistics and reports and summaries slow down ' +
    'as sales grow; turn it on, or run `vacuum (analyze)` on a schedule'
  );
}
