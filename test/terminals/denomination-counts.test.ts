import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setupPos, addRegister, PosFixture } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';

/** The docs' example, as written there: it must paste and run. */
function docExample(): string {
  const doc = readFileSync(path.resolve(__dirname, '../../docs/terminals-sessions.md'), 'utf8');
  const start = doc.indexOf('<!-- close-with-denominations');
  const block = doc.slice(
    doc.indexOf('```graphql', start) + '```graphql'.length,
    doc.indexOf('```', doc.indexOf('```graphql', start) + 10),
  );
  return block;
}

let t: TestApp;
let fx: PosFixture;
beforeAll(async () => {
  t = await startTestApp();
  fx = await setupPos(t);
});
afterAll(() => t?.close());

const fresh = async () => (await addRegister(t, fx.ownerToken, fx.locationId, { open: false })).terminalId;

describe('cash counts as typed {denomination, count} lines', () => {
  it("runs the docs' closeSession example inline and stores the count as JSON", async () => {
    const closed = await t.ok(docExample().replace('<session id>', fx.sessionId!), {}, fx.ownerToken);
    expect(closed.closeSession).toEqual({
      status: 'CLOSED',
      closingBalance: '127.00',
      closingCount: { '100': 1, '20': 1, '5': 1, '0.25': 8 },
      variance: '27.00',
    });
  });

  it('opens a session inline with openingDenominations; a denomination given twice adds up', async () => {
    const terminalId = await fresh();
    const res = await t.ok(
      `mutation { openSession(input: { terminalId: "${terminalId}", openingDenominations: [
        { denomination: "10", count: 2 }, { denomination: "0.50", count: 3 }, { denomination: "0.5", count: 1 } ] })
        { openingBalance openingCount } }`,
      {},
      fx.ownerToken,
    );
    expect(res.openSession).toEqual({ openingBalance: '22.00', openingCount: { '10': 2, '0.5': 4 } });
  });

  it('the JSON form written inline is not GraphQL (it works as a variable only)', async () => {
    const terminalId = await fresh();
    const inline = await t.gql(
      `mutation { openSession(input: { terminalId: "${terminalId}", openingCount: {"100": 1} }) { id } }`,
      {},
      fx.ownerToken,
    );
    expect(codeOf(inline)).toBe('GRAPHQL_PARSE_FAILED');
    const asVariable = await t.ok(
      'mutation O($input: OpenSessionInput!) { openSession(input: $input) { openingBalance } }',
      { input: { terminalId, openingCount: { '100': 1 } } },
      fx.ownerToken,
    );
    expect(asVariable.openSession.openingBalance).toBe('100.00');
  });

  it('refuses both forms at once, bad lines, and a balance that disagrees, naming the field', async () => {
    const terminalId = await fresh();
    const open = (input: Record<string, unknown>) =>
      t.gql(
        'mutation O($input: OpenSessionInput!) { openSession(input: $input) { id } }',
        { input: { terminalId, ...input } },
        fx.ownerToken,
      );
    const both = await open({ openingCount: { '1': 1 }, openingDenominations: [{ denomination: '1', count: 1 }] });
    expect([codeOf(both), both.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', 'openingDenominations']);
    for (const line of [
      { denomination: '0', count: 1 },
      { denomination: '-5', count: 1 },
      { denomination: '1', count: -1 },
      { denomination: '1', count: 1_000_001 },
      { denomination: '0.00001', count: 1 },
    ]) {
      expect(codeOf(await open({ openingDenominations: [line] }))).toBe('BAD_USER_INPUT');
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ denomination: String(i + 1), count: 1 }));
    expect(codeOf(await open({ openingDenominations: tooMany }))).toBe('BAD_USER_INPUT');
    const disagree = await open({ openingBalance: '5.00', openingDenominations: [{ denomination: '1', count: 4 }] });
    expect(codeOf(disagree)).toBe('BAD_USER_INPUT');
    const [row] = await t.sql('select count(*)::int as n from pos_sessions where terminal_id = ?', [terminalId]);
    expect(row.n).toBe(0);
  });
});
