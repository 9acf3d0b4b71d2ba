import { DEMO } from '../services/tenancy/demo-seed';

export interface BannerFacts {
  port: number;
  /** The embedded database's folder, or undefined when DATABASE_URL is used. */
  embeddedDir?: string;
  pubsub: string;
  demoLogin: boolean;
  graphqlIde: boolean;
  registrationOpen: boolean;
}

/** What the operator sees at start-up: only what is true for this configuration. */
export function startupBanner(facts: BannerFacts): string {
  const base = `http://localhost:${facts.port}`;
  const url = `${base}/graphql`;
  const lines = [
    '',
    `POS GraphQL API ready at ${url} (health: ${base}/healthz)`,
    facts.graphqlIde ? `GraphQL IDE (works offline): open ${url} in a browser` : '',
    `customer display: ${base}/display#token=<DISPLAY device token from issueDeviceToken>`,
    `database: ${facts.embeddedDir ? `embedded PostgreSQL in ${facts.embeddedDir}` : 'DATABASE_URL'}; pub/sub: ${facts.pubsub}`,
  ];
  if (facts.demoLogin) {
    lines.push(
      `demo login: tenantSlug "${DEMO.tenantSlug}", email "${DEMO.email}", password "${DEMO.password}"`,
      'example:',
      `  curl -s ${url} -H 'content-type: application/json' \\`,
      `    -d '{"query":"mutation { login(input:{tenantSlug:\\"${DEMO.tenantSlug}\\", email:\\"${DEMO.email}\\", password:\\"${DEMO.password}\\"}) { token user { email roles } } }"}'`,
    );
  } else {
    lines.push(
      facts.registrationOpen
        ? 'no demo tenant here: create a tenant with the registerTenant mutation, or run `npm run seed:demo`'
        : 'no demo tenant here and registration is off: run `npm run seed:demo` for one',
    );
  }
  lines.push('');
  return lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n');
}
