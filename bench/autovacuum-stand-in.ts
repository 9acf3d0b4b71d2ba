import { Client } from 'pg';

/**
 * What autovacuum does to a database, done by the bench when the cluster
 * runs without it. This machine's PostgreSQL has `autovacuum = off`, so a
 * bench's fresh database never gets statistics: for a whole run the planner
 * costs every table as empty and picks plans that are quadratic in the rows
 * written since (a day-summary recompute of 626 sales joined each of the
 * day's 1,878 sale items to every sale: 750 ms instead of 30 ms once
 * analyzed). A production database has statistics and autovacuum keeps them
 * current, so with autovacuum off the stand-in runs `vacuum (analyze)` over
 * the database once when started and then every `everySeconds` (when
 * given), inside the timed run, where its cost counts like autovacuum's would.
 */
export interface AutovacuumStandIn {
  /** One line for the bench's output: who maintained the database and what it cost. */
  describe(): string;
  stop(): Promise<void>;
}

export async function startAutovacuumStandIn(url: string, everySeconds?: number): Promise<AutovacuumStandIn> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('show autovacuum');
  if (rows[0].autovacuum === 'on') {
    await client.end();
    return { describe: () => 'autovacuum on: left to it', stop: async () => undefined };
  }
  const passMs: number[] = [];
  const vacuum = async () => {
    const t0 = performance.now();
    await client.query('vacuum (analyze)');
    passMs.push(Math.round(performance.now() - t0));
  };
  await vacuum();
  let running: Promise<void> = Promise.resolve();
  const timer = everySeconds
    ? setInterval(() => {
        running = running.then(vacuum);
      }, everySeconds * 1000)
    : undefined;
  const when = everySeconds ? `at the start and every ${everySeconds} s` : 'once';
  return {
    describe: () => `autovacuum off: the bench ran vacuum (analyze) ${when} (${passMs.join(', ')} ms)`,
    async stop() {
      clearInterval(timer);
      await running;
      await client.end();
    },
  };
}
