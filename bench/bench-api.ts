import { randomBytes } from 'node:crypto';
import http from 'node:http';

/**
 * GraphQL over node:http with kept-alive connections: the client shares the
 * machine's two cores with the server and PostgreSQL, and node:http costs it
 * about a third of what fetch does per request, leaving that CPU to the server.
 */
export class Api {
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(readonly url: string) {}

  async call(query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
    const payload = JSON.stringify({ query, variables });
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (data += chunk));
          res.on('end', () => resolve(data));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    const body = JSON.parse(text) as {
      data?: any;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.errors?.length) {
      const e = body.errors[0];
      throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
    }
    return body.data;
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type GraphqlCall = (query: string, variables: Record<string, unknown>) => Promise<any>;

/** A new tenant for one bench run (a random slug), registered through `call`: its owner's token and id. */
export async function registerBenchTenant(call: GraphqlCall): Promise<{ token: string; ownerId: string }> {
  const slug = `bench-${randomBytes(4).toString('hex')}`;
  const { registerTenant } = await call(
    `mutation($input: RegisterTenantInput!) { registerTenant(input: $input) { token user { id } } }`,
    {
      input: {
        name: 'Bench',
        slug,
        currency: 'USD',
        ownerEmail: `owner@${slug}.test`,
        ownerPassword: 'bench-password-1',
      },
    },
  );
  return { token: registerTenant.token, ownerId: registerTenant.user.id };
}

/** The statements a server started with SQL_STATS=1 has sent so far (its /debug/sql-statements). */
export async function sqlStatements(graphqlUrl: string): Promise<number> {
  const res = await fetch(graphqlUrl.replace('/graphql', '/debug/sql-statements'));
  return ((await res.json()) as { statements: number }).statements;
}
