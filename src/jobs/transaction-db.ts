import { EntityManager } from '@mikro-orm/postgresql';

/**
 * pg-boss's `db` adapter over an EntityManager's open transaction, so a job
 * is inserted in the same transaction as the business change: a committed
 * sale always has its follow-up work, a rolled-back one has none.
 * pg-boss writes `$n` placeholders (some used twice); the ORM's connection
 * takes `?`, so each occurrence becomes one `?` with its value.
 */
export function transactionDb(em: EntityManager) {
  return {
    async executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
      const bindings: unknown[] = [];
      const sql = text.replace(/\$(\d+)/g, (_match, n: string) => {
        bindings.push(values[Number(n) - 1] ?? null);
        return '?';
      });
      const rows = await em.getConnection().execute<unknown[]>(sql, bindings, 'all', em.getTransactionContext());
      return { rows };
    },
  };
}
