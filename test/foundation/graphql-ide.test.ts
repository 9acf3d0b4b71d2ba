import { startTestApp, TestApp } from '../support/test-app';

/** The development IDE at /graphql for browsers, served by this server (no CDN), and off in production. */
async function browserGet(t: TestApp, path: string) {
  return fetch(new URL(path, t.url), { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
}

describe('GraphQL IDE', () => {
  let dev: TestApp;
  let prod: TestApp;
  beforeAll(async () => {
    dev = await startTestApp();
    prod = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: 'ide-test-secret' } });
  });
  afterAll(async () => {
    await dev?.close();
    await prod?.close();
  });

  it('serves the IDE page and its script to a browser in development, with no external URL', async () => {
    const page = await browserGet(dev, '/graphql');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/graphql-ide/ide.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await browserGet(dev, '/graphql-ide/ide.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('__schema');
  });

  it('still answers GraphQL POSTs and JSON GETs at the same path', async () => {
    expect((await dev.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('is off in production: no IDE page, no script', async () => {
    const page = await browserGet(prod, '/graphql');
    expect(await page.text()).not.toContain('graphql-ide');
    expect((await browserGet(prod, '/graphql-ide/ide.js')).status).toBe(404);
  });
});
