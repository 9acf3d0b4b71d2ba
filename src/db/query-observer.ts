import { DefaultLogger, LogContext, LoggerOptions } from '@mikro-orm/core';

/** Receives every SQL statement the ORM sends (BEGIN/COMMIT included). */
export type QueryListener = (sql: string) => void;

/**
 * MikroORM's logger, plus a listener that sees each statement: tests and
 * benchmarks count statements per operation with it.
 */
export function observingLoggerFactory(listener: QueryListener) {
  return (options: LoggerOptions) =>
    new (class extends DefaultLogger {
      override logQuery(context: { query: string } & LogContext): void {
        listener(context.query);
        super.logQuery(context);
      }
    })(options);
}
