import { autoCloseSessions } from '../../src/jobs/auto-close-sessions';
import { addRegister, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let fx: PosFixture;

const SESSION = /* GraphQL */ `
  query AutoClosed($id: ID!) {
    session(id: $id) {
      status
      expectedBalance
      closingBalance
      variance
      needsReconciliation
      notes
    }
  }
`;
const RECONCILE = /* GraphQL */ `
  mutation ReconcileAutoClosed($input: ReconcileSessionInput!) {
    reconcileSession(input: $input) {
      needsReconciliation
    }
  }
`;

beforeAll(async () => {
  t = await startTestApp();
  fx = await setupPos(t, {});
});
afterAll(() => t.close());

describe('auto-close-sessions', () => {
  it('closes a session left open past the tenant time, without a count, flagged for reconciliation; once', async () => {
    const [{ tenant_id: tenantId }] = await t.sql<{ tenant_id: string }>(
      'select tenant_id from pos_sessions where id = ?',
      [fx.sessionId],
    );
    // not configured: nothing happens
    await t.sql(`update pos_sessions set opened_at = now() - interval '2 days' where id = ?`, [fx.sessionId]);
    expect(await autoCloseSessions(t.app.services)).toBe(0);

    await t.sql(`update tenants set auto_close_sessions_at = '03:00' where id = ?`, [tenantId]);
    expect(await autoCloseSessions(t.app.services)).toBe(1);
    expect(await autoCloseSessions(t.app.services)).toBe(0); // a rerun changes nothing

    const { session } = await t.ok(SESSION, { id: fx.sessionId }, fx.ownerToken);
    expect(session).toMatchObject({
      status: 'CLOSED',
      expectedBalance: '100.00',
      closingBalance: null,
      variance: null,
      needsReconciliation: true,
    });
    const reconciled = await t.ok(
      RECONCILE,
      { input: { sessionId: fx.sessionId, notes: 'counted next morning: 100.00' } },
      fx.ownerToken,
    );
    expect(reconciled.reconcileSession.needsReconciliation).toBe(false);
  });

  it('leaves a session opened after the last auto-close moment alone', async () => {
    const register = await addRegister(t, fx.ownerToken, fx.locationId);
    expect(await autoCloseSessions(t.app.services)).toBe(0);
    const [row] = await t.sql<{ status: string }>('select status from pos_sessions where id = ?', [register.sessionId]);
    expect(row.status).toBe('OPEN');
  });
});
