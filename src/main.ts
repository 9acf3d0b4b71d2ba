import { startApp } from './bootstrap';
import { loadConfig } from './config';
import { EmbeddedPostgresAccessError } from './db/embedded-postgres';
import path from 'node:path';
import { startupBanner } from './server/banner';
import { seedDemo } from './services/tenancy/demo-seed';
import { demoLoginExists } from './services/tenancy/demo-login';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  const { log } = app.services;
  // The embedded database is a try-it-out default: give it something to try.
  if (app.embedded && (await seedDemo(app.services))) log.info('demo tenant created');

  console.log(
    startupBanner({
      port: app.server.port,
      embeddedDir: app.embedded ? path.join(config.dataDir, 'pg') : undefined,
      pubsub: app.services.events.kind,
      demoLogin: await demoLoginExists(app.services),
      graphqlIde: !config.production,
      registrationOpen: config.allowTenantRegistration,
    }),
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return; // a second signal while stopping changes nothing; the watchdog bounds the wait
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Requests get 5 s and job handlers 3 s; past 9.5 s something hangs, and exiting beats a SIGKILL.
    setTimeout(() => {
      log.error('shutdown took longer than 9.5 s: exiting anyway');
      process.exit(1);
    }, 9_500).unref();
    app.shutdown().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: with no listener left, a library's signal hook would re-raise the signal and kill us mid-drain.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresAccessError ? error.message : error);
  process.exit(1);
});
