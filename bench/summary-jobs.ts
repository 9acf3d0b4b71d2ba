import { Client } from 'pg';

/**
 * What the day-summary jobs did during a run: whether their maintenance
 * keeps up with the checkouts (issue 20). Jobs are coalesced per
 * location-day and 5-second slot, so a run sees a handful; `pendingAtEnd`
 * is the backlog when the last sale was answered, `drainSeconds` how long
 * the workers then took to finish it, `runMs` each recompute in order.
 */
export async function summaryJobReport(databaseUrl: string, since: Date, endedAt: Date) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const waitStarted = performance.now();
    const pending = async () =>
      Number(
        (
          await client.query(
            `select count(*) from pgboss.job where name = 'update-daily-summary' and created_on >= $1
               and state in ('created', 'retry', 'active')`,
            [since],
          )
        ).rows[0].count,
      );
    const pendingAtEnd = Number(
      (
        await client.query(
          `select count(*) from pgboss.job where name = 'update-daily-summary' and created_on between $1 and $2
             and (completed_on is null or completed_on > $2)`,
          [since, endedAt],
        )
      ).rows[0].count,
    );
    while ((await pending()) > 0 && performance.now() - waitStarted < 60_000)
      await new Promise((r) => setTimeout(r, 250));
    const { rows } = await client.query(
      `select count(*) filter (where state = 'completed') as run, count(*) filter (where state <> 'completed') as left,
              max(extract(epoch from completed_on - started_on) * 1000) as longest,
              array_agg(round(extract(epoch from completed_on - started_on) * 1000) order by started_on)
                filter (where state = 'completed') as each
         from pgboss.job where name = 'update-daily-summary' and created_on >= $1`,
      [since],
    );
    return {
      run: Number(rows[0].run),
      notDone: Number(rows[0].left),
      longestRunMs: rows[0].longest === null ? null : Number(Number(rows[0].longest).toFixed(1)),
      runMs: ((rows[0].each as string[] | null) ?? []).map(Number),
      pendingAtEnd,
      drainSeconds: Number(((performance.now() - waitStarted) / 1000).toFixed(1)),
    };
  } finally {
    await client.end();
  }
}
