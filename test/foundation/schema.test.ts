import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getNamedType, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType } from 'graphql';
import { getSchema, printSchemaFile } from '../../src/server/schema';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

describe('schema.graphql', () => {
  it('is the schema the server builds (run `npm run codegen` after changing the API)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(await printSchemaFile()).toBe(committed);
  });
});

/** Operations anyone may call: everything else must refuse a caller without a token. */
const PUBLIC_FIELDS = new Set(['Mutation.registerTenant', 'Mutation.login']);

describe('every operation is guarded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers UNAUTHENTICATED to each non-public query and mutation called without a token', async () => {
    const schema = await getSchema();
    const unguarded: string[] = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        const name = `${root.name}.${field.name}`;
        if (PUBLIC_FIELDS.has(name)) continue;
        // Arguments as variables of their own types, so validation passes and only auth can refuse.
        const args = field.args.filter((a) => String(a.type).endsWith('!'));
        const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
        const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
        const selection = selectionFor(field.type);
        const op = `${root.name === 'Query' ? 'query' : 'mutation'}${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
        const res = await t.gql(op, Object.fromEntries(args.map((a) => [a.name, sampleValue(a.type)])));
        if (codeOf(res) !== 'UNAUTHENTICATED') unguarded.push(`${name}: ${JSON.stringify(res.errors ?? res.data)}`);
      }
    }
    expect(unguarded).toEqual([]);
  });
});

function selectionFor(type: unknown): string {
  const named = String(type).replace(/[[\]!]/g, '');
  return ['String', 'Boolean', 'Int', 'Float', 'ID', 'Decimal', 'JSON', 'DateTime', 'Date'].includes(named)
    ? ''
    : ' { __typename }';
}

/** A value that passes input coercion (required fields filled); its content never matters, auth refuses first. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(required.map((f) => [f.name, sampleValue(f.type)]));
  }
  const scalars: Record<string, unknown> = {
    ID: '00000000-0000-0000-0000-000000000000',
    String: 'x',
    Int: 1,
    Float: 1,
    Boolean: true,
    Decimal: '1',
    Date: '2026-01-01',
    DateTime: '2026-01-01T00:00:00.000Z',
    JSON: {},
  };
  return scalars[getNamedType(type).name] ?? 'x';
}
