import { startEmbeddedPostgres } from '../../../src/db/embedded-postgres';
import { createLogger } from '../../../src/logger';

/*
 * Holds an embedded PostgreSQL cluster for a fault test, in its own process
 * (jest cannot load the embedded-postgres ES module): `<dir> <port>`, prints
 * `PG READY <url>` once it accepts connections, stops the cluster (a fast
 * shutdown: sessions are cut off) on SIGTERM.
 */
async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  const db = await startEmbeddedPostgres(dir, Number(port), 'pos', createLogger('silent', false));
  process.stdout.write(`PG READY ${db.url}\n`);
  process.once('SIGTERM', () => {
    db.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
