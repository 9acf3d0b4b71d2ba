import { userWithRole } from '../support/fixtures';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { RECORD_CASH_MOVEMENT } from '../support/operations';
import { codeOf, GraphQLResponse, startTestApp, TestApp } from '../support/test-app';
import { LOGIN_OP, manager } from './security-support';

const SET_POLICY = `mutation($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { id } }`;

function expectThrottled(res: GraphQLResponse) {
  expect(codeOf(res)).toBe('TOO_MANY_ATTEMPTS');
  const retry = res.errors![0].extensions!.retryAfterSeconds;
  expect(Number.isInteger(retry)).toBe(true);
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(900);
}

describe('throttling of logins and approval PINs (in-process limiter)', () => {
  let t: TestApp;
  let fx: PosFixture;
  const login = (email: string, password: string, slug = fx.tenant.slug) =>
    t.gql(LOGIN_OP, { input: { tenantSlug: slug, email, password } });

  beforeAll(async () => {
    t = await startTestApp({ env: { THROTTLE_LOGIN_PER_ADDRESS: '40' } });
    fx = await setupPos(t);
  });
  afterAll(() => t.close());

  it('20 wrong passwords: the first 10 UNAUTHENTICATED, then TOO_MANY_ATTEMPTS, the right one too; other accounts unaffected', async () => {
    const m = await manager(t, fx.tenant);
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 20; i++) codes.push(codeOf(await login(m.email, `wrong-${i}`)));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(codes.slice(10)).toEqual(Array(10).fill('TOO_MANY_ATTEMPTS'));
    expectThrottled(await login(m.email, fx.tenant.password));
    expectThrottled(await login(m.email.toUpperCase(), fx.tenant.password)); // the same account
    expect(codeOf(await login(fx.tenant.ownerEmail, fx.tenant.password))).toBeUndefined();
  });

  it('throttles one client address across accounts (40 failures here)', async () => {
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 35; i++) codes.push(codeOf(await login(`nobody-${i}@x.test`, 'wrong', `no-such-${i % 3}`)));
    // the first test counted 10 failures against the address (throttled attempts do not count): 30 more reach 40
    expect(codes.slice(0, 30)).toEqual(Array(30).fill('UNAUTHENTICATED'));
    expect(codes.slice(30)).toEqual(Array(5).fill('TOO_MANY_ATTEMPTS'));
    expectThrottled(await login(fx.tenant.ownerEmail, fx.tenant.password));
  });
});

describe('throttling of approval PINs', () => {
  let t: TestApp;
  let fx: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t);
    await t.ok(SET_POLICY, { input: { approvalPolicy: { payOutThreshold: '5.00' } } }, fx.ownerToken);
  });
  afterAll(() => t.close());

  const payOut = (token: string, approvedByPin: string) =>
    t.gql(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: fx.sessionId, type: 'PAY_OUT', amount: '10.00', reason: 'supplier', approvedByPin } },
      token,
    );

  it('20 wrong PINs then the right one: TOO_MANY_ATTEMPTS with retryAfterSeconds', async () => {
    await manager(t, fx.tenant, '2468');
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 20; i++) codes.push(codeOf(await payOut(fx.cashier.token, String(1000 + i))));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('APPROVAL_REQUIRED'));
    expect(codes.slice(10)).toEqual(Array(10).fill('TOO_MANY_ATTEMPTS'));
    expectThrottled(await payOut(fx.cashier.token, '2468'));
  });

  it('also counts per terminal: other cashiers at the same register are refused once it has 20 failures', async () => {
    const other = await userWithRole(t, fx.tenant, 'CASHIER');
    // the terminal already has the first test's 10 counted failures; 10 more reach its 20
    for (let i = 0; i < 10; i++) expect(codeOf(await payOut(other.token, String(3000 + i)))).toBe('APPROVAL_REQUIRED');
    const third = await userWithRole(t, fx.tenant, 'CASHIER');
    expectThrottled(await payOut(third.token, '2468'));
  });
});

describe('throttling shared by two instances (Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ redis: true });
    b = await startTestApp({ redis: true, sameDatabaseAs: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('failures counted on A refuse the account on B', async () => {
    const fx = await setupPos(a);
    const m = await manager(a, fx.tenant);
    for (let i = 0; i < 10; i++) {
      const on = i % 2 ? a : b;
      expect(
        codeOf(await on.gql(LOGIN_OP, { input: { tenantSlug: fx.tenant.slug, email: m.email, password: 'nope' } })),
      ).toBe('UNAUTHENTICATED');
    }
    expectThrottled(
      await b.gql(LOGIN_OP, { input: { tenantSlug: fx.tenant.slug, email: m.email, password: fx.tenant.password } }),
    );
  });
});
