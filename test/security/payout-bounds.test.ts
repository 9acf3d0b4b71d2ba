import { PosFixture, setupPos } from '../support/pos-fixtures';
import { RECORD_CASH_MOVEMENT } from '../support/operations';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { auditOf, manager } from './security-support';

const SET_SETTINGS = `mutation($input: UpdateTenantSettingsInput!) {
  updateTenantSettings(input: $input) { approvalPolicy { payOutThreshold payOutLimitedToExpectedCash } }
}`;

describe('cash pay-out bounds', () => {
  let t: TestApp;
  let fx: PosFixture;
  let mgr: { id: string; token: string };
  const payOut = (token: string, amount: string, approval: Record<string, string> = {}) =>
    t.gql(
      RECORD_CASH_MOVEMENT,
      { input: { sessionId: fx.sessionId, type: 'PAY_OUT', amount, reason: 'supplier', ...approval } },
      token,
    );

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t); // the session opened with 100.00 in the drawer
    mgr = await manager(t, fx.tenant, '8642');
  });
  afterAll(() => t.close());

  it('reads the default policy: no threshold, never above the expected cash', async () => {
    const data = await t.ok(
      `{ tenant { approvalPolicy { payOutThreshold payOutLimitedToExpectedCash } } }`,
      {},
      fx.ownerToken,
    );
    expect(data.tenant.approvalPolicy).toEqual({ payOutThreshold: null, payOutLimitedToExpectedCash: true });
  });

  it('never pays out more than the cash expected in the drawer (PAY_OUT_EXCEEDS_CASH with the figure)', async () => {
    const res = await payOut(fx.cashier.token, '100.01');
    expect(codeOf(res)).toBe('PAY_OUT_EXCEEDS_CASH');
    expect(res.errors![0].extensions!.expectedCash).toBe('100.00');
    expect(
      (await t.sql(`select count(*)::int as n from cash_movements where session_id = ?`, [fx.sessionId]))[0].n,
    ).toBe(0);
  });

  it('needs a manager above the tenant threshold: APPROVAL_REQUIRED without or with a wrong PIN; a PIN or token approves', async () => {
    const set = await t.ok(SET_SETTINGS, { input: { approvalPolicy: { payOutThreshold: '20.00' } } }, fx.ownerToken);
    expect(set.updateTenantSettings.approvalPolicy).toEqual({
      payOutThreshold: '20.00',
      payOutLimitedToExpectedCash: true,
    });
    expect(codeOf(await payOut(fx.cashier.token, '20.00'))).toBeUndefined(); // at the threshold: no approval
    expect(codeOf(await payOut(fx.cashier.token, '20.01'))).toBe('APPROVAL_REQUIRED');
    expect(codeOf(await payOut(fx.cashier.token, '20.01', { approvedByPin: '1111' }))).toBe('APPROVAL_REQUIRED');
    expect(codeOf(await payOut(fx.cashier.token, '25.00', { approvedByPin: '8642' }))).toBeUndefined();
    expect(codeOf(await payOut(fx.cashier.token, '25.00', { approverToken: mgr.token }))).toBeUndefined();
    expect(codeOf(await payOut(mgr.token, '21.00'))).toBeUndefined(); // a manager approves their own
    const granted = await auditOf(t, fx.ownerToken, 'approval.granted');
    expect(granted.map((g: any) => [g.data.action, g.data.method, g.data.approverId])).toEqual([
      ['pay_out', 'self', mgr.id],
      ['pay_out', 'token', mgr.id],
      ['pay_out', 'pin', mgr.id],
    ]);
  });

  it('counts earlier pay-outs: the drawer now expects 9.00', async () => {
    const res = await payOut(fx.cashier.token, '9.01');
    expect(res.errors![0].extensions!.expectedCash).toBe('9.00');
    expect(codeOf(await payOut(fx.cashier.token, '9.00'))).toBeUndefined();
  });

  it('lets a tenant allow pay-outs beyond the drawer (payOutLimitedToExpectedCash false)', async () => {
    await t.ok(SET_SETTINGS, { input: { approvalPolicy: { payOutLimitedToExpectedCash: false } } }, fx.ownerToken);
    const res = await payOut(fx.cashier.token, '5.00');
    expect(codeOf(res)).toBeUndefined();
    const data = await t.ok(
      `{ tenant { approvalPolicy { payOutThreshold payOutLimitedToExpectedCash } } }`,
      {},
      fx.ownerToken,
    );
    expect(data.tenant.approvalPolicy).toEqual({ payOutThreshold: '20.00', payOutLimitedToExpectedCash: false });
  });

  it('only owners change the policy, within bounds', async () => {
    expect(codeOf(await t.gql(SET_SETTINGS, { input: { approvalPolicy: { payOutThreshold: '1' } } }, mgr.token))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(await t.gql(SET_SETTINGS, { input: { approvalPolicy: { payOutThreshold: '-1' } } }, fx.ownerToken)),
    ).toBe('BAD_USER_INPUT');
  });
});
