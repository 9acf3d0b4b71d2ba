import { randomUUID } from 'node:crypto';
import { cashSale } from '../checkout/checkout-support';
import { userWithRole } from '../support/fixtures';
import { PosFixture, setupPos } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { auditRows, cashRefund, REFUND_WITH_APPROVER, SET_APPROVAL_POLICY, VOID_WITH_APPROVER } from './support';

describe('manager approvals: voids and refunds', () => {
  let t: TestApp;
  let fx: PosFixture;
  let mgr: { id: string; token: string };
  const PIN = '8642';

  beforeAll(async () => {
    // A small per-user allowance, so the throttling case needs few (slow, hashed) wrong PINs.
    t = await startTestApp({ env: { THROTTLE_APPROVAL_PER_USER: '3' } });
    fx = await setupPos(t, {
      products: [
        { sku: 'TEN', price: '10.00' },
        { sku: 'BIG', price: '150.00' },
      ],
    });
    mgr = await userWithRole(t, fx.tenant, 'MANAGER', PIN);
  });
  afterAll(() => t.close());

  const voidSale = (saleId: string, token: string, approval: Record<string, string> = {}) =>
    t.gql(VOID_WITH_APPROVER, { input: { saleId, reason: 'wrong item', ...approval } }, token);
  const refund = (saleId: string, amount: string, token = fx.cashier.token, extra: Record<string, unknown> = {}) =>
    t.gql(REFUND_WITH_APPROVER, cashRefund(saleId, fx.sessionId!, amount, extra), token);
  const statusOf = async (saleId: string) =>
    (await t.sql(`select status, void_approved_by_id from sales where id = ?`, [saleId]))[0];

  describe('voidSale', () => {
    it('a CASHIER without approval, or with a wrong PIN, is APPROVAL_REQUIRED and nothing changes', async () => {
      const sale = await cashSale(t, fx, { TEN: 1 });
      const none = await voidSale(sale.id, fx.cashier.token);
      expect(codeOf(none)).toBe('APPROVAL_REQUIRED');
      expect(none.errors![0].message).toBe(
        'Voiding a sale needs a manager: a manager must approve it (approvedByPin or approverToken)',
      );
      const wrong = await voidSale(sale.id, fx.cashier.token, { approvedByPin: '1111' });
      expect(codeOf(wrong)).toBe('APPROVAL_REQUIRED');
      expect(wrong.errors![0].message).toBe('Voiding a sale needs a manager: the PIN matches no manager');
      expect(await statusOf(sale.id)).toEqual({ status: 'COMPLETED', void_approved_by_id: null });
      expect((await auditRows(t, 'approval.failed', sale.id)).map((r) => r.data)).toEqual([
        { action: 'void', method: 'pin' },
      ]);
    });

    it("a CASHIER with a manager's PIN voids: the sale and the audit log record the approver", async () => {
      const sale = await cashSale(t, fx, { TEN: 1 });
      const res = await voidSale(sale.id, fx.cashier.token, { approvedByPin: PIN });
      expect(res.errors).toBeUndefined();
      expect(res.data!.voidSale).toEqual({
        id: sale.id,
        status: 'VOIDED',
        voidReason: 'wrong item',
        voidApprovedBy: { id: mgr.id },
      });
      expect(await statusOf(sale.id)).toEqual({ status: 'VOIDED', void_approved_by_id: mgr.id });
      const granted = await auditRows(t, 'approval.granted', sale.id);
      expect(granted).toEqual([
        { data: { action: 'void', method: 'pin', approverId: mgr.id }, actor_id: fx.cashier.id },
      ]);
      expect((await auditRows(t, 'sale.voided', sale.id)).map((r) => r.data)).toEqual([
        { reason: 'wrong item', approverId: mgr.id },
      ]);
    });

    it("a CASHIER with a manager's token voids; a MANAGER voids on their own authority, recorded as the approver", async () => {
      const byToken = await cashSale(t, fx, { TEN: 1 });
      const res = await voidSale(byToken.id, fx.cashier.token, { approverToken: mgr.token });
      expect(res.data!.voidSale.voidApprovedBy).toEqual({ id: mgr.id });
      const own = await cashSale(t, fx, { TEN: 1 });
      expect((await voidSale(own.id, mgr.token)).data!.voidSale.voidApprovedBy).toEqual({ id: mgr.id });
      expect((await auditRows(t, 'approval.granted', own.id)).map((r) => r.data)).toEqual([
        { action: 'void', method: 'self', approverId: mgr.id },
      ]);
    });

    it('throttles wrong PINs per cashier: after the allowance even the right PIN is TOO_MANY_ATTEMPTS', async () => {
      const other = await userWithRole(t, fx.tenant, 'CASHIER');
      const sale = await cashSale(t, fx, { TEN: 1 });
      const codes = [];
      for (const pin of ['1111', '2222', '3333', PIN]) {
        codes.push(codeOf(await voidSale(sale.id, other.token, { approvedByPin: pin })));
      }
      expect(codes).toEqual(['APPROVAL_REQUIRED', 'APPROVAL_REQUIRED', 'APPROVAL_REQUIRED', 'TOO_MANY_ATTEMPTS']);
      expect((await statusOf(sale.id)).status).toBe('COMPLETED');
      // Another cashier is not affected.
      expect(codeOf(await voidSale(sale.id, fx.cashier.token, { approvedByPin: PIN }))).toBeUndefined();
    });

    it('a DISPLAY device token is FORBIDDEN', async () => {
      const display = (
        await t.ok(
          `mutation($input: IssueDeviceTokenInput!) { issueDeviceToken(input: $input) { token } }`,
          { input: { terminalId: fx.terminalId, kind: 'DISPLAY' } },
          fx.ownerToken,
        )
      ).issueDeviceToken.token;
      const sale = await cashSale(t, fx, { TEN: 1 });
      expect(codeOf(await voidSale(sale.id, display, { approvedByPin: PIN }))).toBe('FORBIDDEN');
    });
  });

  describe('createRefund', () => {
    const ageSale = (saleId: string, days: number) =>
      t.sql(`update sales set completed_at = now() - make_interval(days => ?) where id = ?`, [days, saleId]);

    it('within the default 30-day window and 100.00 threshold a cashier refunds alone (approvedBy null)', async () => {
      const sale = await cashSale(t, fx, { BIG: 1 });
      await ageSale(sale.id, 29);
      const res = await refund(sale.id, '100.00');
      expect(res.errors).toBeUndefined();
      expect(res.data!.createRefund).toMatchObject({ amount: '100.00', approvedBy: null });
    });

    it('40 days after the sale (30-day window) a cashier needs approval; the PIN is recorded on the refund', async () => {
      const sale = await cashSale(t, fx, { TEN: 1 });
      await ageSale(sale.id, 40);
      const denied = await refund(sale.id, '1.00');
      expect(codeOf(denied)).toBe('APPROVAL_REQUIRED');
      expect(denied.errors![0].message).toBe(
        'This refund needs approval, the sale was completed 40 days ago, beyond the 30-day refund window: ' +
          'a manager must approve it (approvedByPin or approverToken)',
      );
      expect(codeOf(await refund(sale.id, '1.00', fx.cashier.token, { approvedByPin: '1111' }))).toBe(
        'APPROVAL_REQUIRED',
      );
      expect(await t.sql(`select id from sale_refunds where sale_id = ?`, [sale.id])).toEqual([]);

      const ok = await refund(sale.id, '1.00', fx.cashier.token, { approvedByPin: PIN });
      expect(ok.data!.createRefund).toMatchObject({ amount: '1.00', approvedBy: { id: mgr.id } });
      const refundId = ok.data!.createRefund.id;
      expect(await t.sql(`select approved_by_id from sale_refunds where id = ?`, [refundId])).toEqual([
        { approved_by_id: mgr.id },
      ]);
      expect((await auditRows(t, 'approval.granted', refundId)).map((r) => r.data)).toEqual([
        { action: 'refund', method: 'pin', approverId: mgr.id },
      ]);
      expect((await auditRows(t, 'refund.created', refundId))[0].data).toMatchObject({ approverId: mgr.id });
      // A manager refunds past the window on their own authority.
      const own = await refund(sale.id, '1.00', mgr.token);
      expect(own.data!.createRefund.approvedBy).toEqual({ id: mgr.id });
    });

    it('above the threshold a cashier needs approval; the request resent under the same key with a token succeeds once', async () => {
      const sale = await cashSale(t, fx, { BIG: 1 });
      const key = randomUUID();
      const denied = await refund(sale.id, '100.01', fx.cashier.token, { idempotencyKey: key });
      expect(codeOf(denied)).toBe('APPROVAL_REQUIRED');
      expect(denied.errors![0].message).toContain('a refund of 100.01 is above the approval threshold of 100.00');
      const approved = await refund(sale.id, '100.01', fx.cashier.token, {
        idempotencyKey: key,
        approverToken: mgr.token,
      });
      expect(approved.data!.createRefund).toMatchObject({ amount: '100.01', approvedBy: { id: mgr.id } });
      // A retry of the approved request, with or without the approval, replays it.
      const again = await refund(sale.id, '100.01', fx.cashier.token, { idempotencyKey: key, approvedByPin: PIN });
      expect(again.data!.createRefund.id).toBe(approved.data!.createRefund.id);
      expect(await t.sql(`select count(*)::int as n from sale_refunds where sale_id = ?`, [sale.id])).toEqual([
        { n: 1 },
      ]);
    });

    it('a refund by items is measured by its amount too; both reasons are named', async () => {
      const sale = await cashSale(t, fx, { BIG: 1 });
      await ageSale(sale.id, 31);
      const res = await t.gql(
        REFUND_WITH_APPROVER,
        {
          input: {
            saleId: sale.id,
            items: [{ saleItemId: sale.items[0].id, quantity: 1 }],
            method: 'CASH',
            sessionId: fx.sessionId,
            reason: 'faulty',
            idempotencyKey: randomUUID(),
          },
        },
        fx.cashier.token,
      );
      expect(codeOf(res)).toBe('APPROVAL_REQUIRED');
      expect(res.errors![0].message).toContain(
        'the sale was completed 31 days ago, beyond the 30-day refund window; a refund of 150.00 is above the approval threshold of 100.00',
      );
    });

    it('the owner sets the window and threshold (null removes them); bounds are checked', async () => {
      const sale = await cashSale(t, fx, { BIG: 1 });
      await ageSale(sale.id, 400);
      const policy = await t.ok(
        SET_APPROVAL_POLICY,
        { input: { approvalPolicy: { refundWindowDays: null, refundApprovalThreshold: null } } },
        fx.ownerToken,
      );
      expect(policy.updateTenantSettings.approvalPolicy).toEqual({
        payOutThreshold: null,
        refundWindowDays: null,
        refundApprovalThreshold: null,
        priceOverrideThreshold: '0.00',
      });
      expect((await refund(sale.id, '150.00')).data!.createRefund.approvedBy).toBeNull();

      const tight = await t.ok(
        SET_APPROVAL_POLICY,
        { input: { approvalPolicy: { refundWindowDays: 0, refundApprovalThreshold: '5' } } },
        fx.ownerToken,
      );
      expect(tight.updateTenantSettings.approvalPolicy).toMatchObject({
        refundWindowDays: 0,
        refundApprovalThreshold: '5.00',
      });
      const fresh = await cashSale(t, fx, { TEN: 1 });
      expect(codeOf(await refund(fresh.id, '5.01'))).toBe('APPROVAL_REQUIRED');
      for (const bad of [{ refundWindowDays: -1 }, { refundWindowDays: 3651 }, { refundApprovalThreshold: '-1' }]) {
        expect(codeOf(await t.gql(SET_APPROVAL_POLICY, { input: { approvalPolicy: bad } }, fx.ownerToken))).toBe(
          'BAD_USER_INPUT',
        );
      }
      expect(
        codeOf(await t.gql(SET_APPROVAL_POLICY, { input: { approvalPolicy: { refundWindowDays: 60 } } }, mgr.token)),
      ).toBe('FORBIDDEN');
      // Back to the defaults for nothing else: this is the suite's last test.
    });
  });
});
