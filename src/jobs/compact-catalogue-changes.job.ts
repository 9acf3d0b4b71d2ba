import type { AppServices } from '../services';
import { compactProductChanges } from './jobs.sql';

/** Rows deleted per statement: each is its own short transaction. */
const BATCH = 10_000;

/**
 * The `compact-catalogue-changes` cron (nightly): keeps only the newest
 * change-log row of each product (docs/offline.md, Catalogue sync), so a
 * full sync of a catalogue edited daily reads one row per product rather
 * than one per edit. Returns how many rows it deleted.
 */
export async function compactCatalogueChanges(services: AppServices): Promise<number> {
  const connection = services.orm.em.fork().getConnection();
  let deleted = 0;
  for (;;) {
    const result = await connection.execute<{ affectedRows: number }>(compactProductChanges(BATCH), [], 'run');
    deleted += result.affectedRows;
    if (result.affectedRows < BATCH) return deleted;
  }
}
