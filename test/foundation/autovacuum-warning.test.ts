import pino from 'pino';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/test-app';

/** What the cluster the tests run on says: the warning must follow it, whichever it is. */
async function clusterAutovacuum(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('show autovacuum')).rows[0].autovacuum;
  } finally {
    await client.end();
  }
}

describe('a server on a PostgreSQL without autovacuum', () => {
  const warnings: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
    t = await startTestApp({ log });
  });
  afterAll(() => t.close());

  it('says at start that statistics will be missing, and only then', async () => {
    const setting = await clusterAutovacuum(t.databaseUrl);
    const said = warnings.filter((w) => w.includes('autovacuum off'));
    expect(said).toHaveLength(setting === 'off' ? 1 : 0);
    if (setting === 'off') expect(said[0]).toContain('vacuum (analyze)');
  });
});
