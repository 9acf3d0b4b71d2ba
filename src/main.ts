import { startApp } from './bootstrap';
import { loadConfig } from './config';
import { DEMO, seedDemo } from './services/tenancy/demo-seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  const { log } = app.services;
  // The embedded database is a try-it-out default: give it something to try.
  if (app.embedded && (await seedDemo(app.services))) log.info('demo tenant created');

  const url = `http://localhost:${app.server.port}/graphql`;
  console.log(
    [
      '',
      `POS GraphQL API ready at ${url} (health: http://localhost:${app.server.port}/healthz)`,
      `database: ${app.embedded ? 'embedded PostgreSQL in ./.data/pg' : 'DATABASE_URL'}; pub/sub: ${app.services.events.kind}`,
      app.embedded
        ? `demo login: tenantSlug "${DEMO.tenantSlug}", email "${DEMO.email}", password "${DEMO.password}"`
        : '',
      'example:',
      `  curl -s ${url} -H 'content-type: application/json' \\`,
      `    -d '{"query":"mutation { login(input:{tenantSlug:\\"${DEMO.tenantSlug}\\", email:\\"${DEMO.email}\\", password:\\"${DEMO.password}\\"}) { token user { email roles } } }"}'`,
      '',
    ].join('\n'),
  );

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    app.shutdown().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
