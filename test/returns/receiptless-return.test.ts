import { randomUUID } from 'node:crypto';
import { updateDailySummary } from '../../src/jobs/daily-summary.job';
import { userWithRole } from '../support/fixtures';
import { CREATE_CUSTOMER, CREATE_LOCATION, ISSUE_DEVICE_TOKEN, RECEIVE_STOCK } from '../support/operations';
import { addRegister, PosFixture, Register, setupPos, stockOf } from '../support/pos-fixtures';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { CREATE_RETURN, createReturn, DAILY_SUMMARY, PAYMENT_BREAKDOWN, SESSION_CASH, UPDATE_POLICY } from './support';

describe('returns: createReturn without a receipt', () => {
  let t: TestApp;
  let fx: PosFixture;
  let mall: { locationId: string; register: Register };
  let manager: { id: string; token: string };
  const PIN = '4711';
  const item = (overrides: Record<string, unknown> = {}) => ({
    barcode: 'CAP-0001',
    quantity: 1,
    returnToStock: true,
    reason: 'wrong size',
    ...overrides,
  });
  let tenantId: string;
  const refundRows = async () =>
    (await t.sql(`select count(*)::int as n from sale_refunds where tenant_id = ?`, [tenantId]))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    // Prices exclude tax: a 10.00 cap at 8 % sells for 10.80.
    fx = await setupPos(t, {
      products: [{ sku: 'CAP', price: '10.00', taxRate: '0.08', barcode: 'CAP-0001', stock: 0 }],
    });
    for (const unitCost of ['2.00', '2.60']) {
      await t.ok(
        RECEIVE_STOCK,
        { input: { locationId: fx.locationId, lines: [{ productId: fx.products.CAP.id, quantity: 10, unitCost }] } },
        fx.ownerToken,
      );
    }
    const location = await t.ok(CREATE_LOCATION, { input: { name: 'Mall kiosk', code: 'MALL' } }, fx.ownerToken);
    mall = {
      locationId: location.createLocation.id,
      register: await addRegister(t, fx.ownerToken, location.createLocation.id),
    };
    [{ tenant_id: tenantId }] = await t.sql(`select tenant_id from locations where id = ?`, [fx.locationId]);
    const created = await userWithRole(t, fx.tenant, 'MANAGER', PIN);
    manager = { id: created.id, token: created.token };
  });
  afterAll(async () => {
    await t.close();
  });

  it('a cashier needs a manager: APPROVAL_REQUIRED without one, nothing written', async () => {
    const res = await createReturn(t, fx.cashier.token, {
      terminalId: mall.register.terminalId,
      items: [item()],
      method: 'CASH',
    });
    expect(codeOf(res)).toBe('APPROVAL_REQUIRED');
    const wrongPin = await createReturn(t, fx.cashier.token, {
      terminalId: mall.register.terminalId,
      items: [item()],
      method: 'CASH',
      approvedByPin: '9999',
    });
    expect(codeOf(wrongPin)).toBe('APPROVAL_REQUIRED');
    expect(await refundRows()).toBe(0);
    expect((await stockOf(t, fx.ownerToken, mall.locationId, fx.products.CAP.id)).onHand).toBe(0);
  });

  it('a barcode item returned at a location that never sold it: restocked there, 10.80 back in cash, approver recorded, in the drawer and the reports', async () => {
    const before = await stockOf(t, fx.ownerToken, fx.locationId, fx.products.CAP.id);
    const res = await createReturn(t, fx.cashier.token, {
      terminalId: mall.register.terminalId,
      items: [item()],
      method: 'CASH',
      reason: 'gift, no receipt',
      approvedByPin: PIN,
    });
    expect(res.errors).toBeUndefined();
    const refund = res.data!.createReturn;
    expect(refund).toMatchObject({
      refundNumber: 'R-000001',
      amount: '10.80',
      method: 'CASH',
      status: 'COMPLETED',
      reason: 'gift, no receipt',
      sale: null,
      session: { id: mall.register.sessionId },
      location: { id: mall.locationId },
      approvedBy: { id: manager.id },
      processedBy: { id: fx.cashier.id },
    });
    expect(refund.items).toEqual([
      {
        saleItemId: null,
        productId: fx.products.CAP.id,
        quantity: 1,
        amount: '10.80',
        unitPrice: '10.00',
        taxAmount: '0.80',
        returnToStock: true,
        reason: 'wrong size',
      },
    ]);

    // The mall has no stock of it: the unit comes back at the last purchase cost (2.60), as a new layer there.
    expect((await stockOf(t, fx.ownerToken, mall.locationId, fx.products.CAP.id)).onHand).toBe(1);
    expect(await stockOf(t, fx.ownerToken, fx.locationId, fx.products.CAP.id)).toEqual(before);
    const layers = await t.sql(
      `select quantity, remaining, unit_cost::text as unit_cost, source, reference_id from valuation_layers
       where product_id = ? and location_id = ?`,
      [fx.products.CAP.id, mall.locationId],
    );
    expect(layers).toEqual([
      { quantity: 1, remaining: 1, unit_cost: '2.6000', source: 'REFUND', reference_id: refund.id },
    ]);

    // Cash leaves the mall's drawer: its hardware agent is told to open it.
    const drawer = await t.sql(
      `select kind, payload->>'reason' as reason from hardware_commands where terminal_id = ?`,
      [mall.register.terminalId],
    );
    expect(drawer).toEqual([{ kind: 'OPEN_DRAWER', reason: 'cash refund' }]);

    const audit = await t.sql(
      `select type, data->>'approverId' as approver from audit_events where subject_id = ? order by type`,
      [refund.id],
    );
    expect(audit).toEqual([
      { type: 'approval.granted', approver: manager.id },
      { type: 'refund.created', approver: null },
    ]);

    const session = await t.ok(SESSION_CASH, { id: mall.register.sessionId }, fx.ownerToken);
    expect(session.session.xReport).toEqual({ refunds: '10.80', cashRefunds: '10.80', expectedCash: '89.20' });

    const [row] = await t.sql(`select processed_at from sale_refunds where id = ?`, [refund.id]);
    const processedAt = new Date(row.processed_at);
    const range = {
      from: new Date(processedAt.getTime() - 3_600_000).toISOString(),
      to: new Date(processedAt.getTime() + 3_600_000).toISOString(),
    };
    const breakdown = await t.ok(PAYMENT_BREAKDOWN, { ...range, locationId: mall.locationId }, fx.ownerToken);
    expect(breakdown.paymentMethodBreakdown).toEqual([
      { method: 'CASH', amount: '0.00', refunds: '10.80', net: '-10.80' },
    ]);
    const atMain = await t.ok(PAYMENT_BREAKDOWN, { ...range, locationId: fx.locationId }, fx.ownerToken);
    expect(atMain.paymentMethodBreakdown).toEqual([]);

    const date = processedAt.toISOString().slice(0, 10); // the locations keep the tenant's UTC
    await updateDailySummary(t.app.services, { tenantId, locationId: mall.locationId, date });
    const daily = await t.ok(DAILY_SUMMARY, { date, locationId: mall.locationId }, fx.ownerToken);
    expect(daily.dailySalesSummary).toEqual([
      {
        totalSales: 0,
        totalRevenue: '0.00',
        totalCOGS: '-2.60',
        totalTax: '0.00',
        totalRefunds: '10.80',
        cashTotal: '-10.80',
        otherTotal: '0.00',
      },
    ]);
  });

  it('with stock at the location the unit comes back at its average cost (10 at 2.00 and 10 at 2.60: 2.30); a manager approves their own', async () => {
    const res = await createReturn(t, manager.token, {
      terminalId: fx.terminalId,
      items: [item({ sku: 'CAP', barcode: undefined, quantity: 2 })],
      method: 'CASH',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReturn).toMatchObject({ amount: '21.60', approvedBy: { id: manager.id } });
    const layers = await t.sql(
      `select quantity, unit_cost::text as unit_cost from valuation_layers where reference_id = ?`,
      [res.data!.createReturn.id],
    );
    expect(layers).toEqual([{ quantity: 2, unit_cost: '2.3000' }]);
    expect((await stockOf(t, fx.ownerToken, fx.locationId, fx.products.CAP.id)).onHand).toBe(22);
  });

  it('the same idempotency key twice gives one refund (the first answer); another input under it is IDEMPOTENCY_KEY_REUSED', async () => {
    const input = {
      terminalId: mall.register.terminalId,
      items: [item({ returnToStock: false })],
      method: 'CASH',
      reason: 'damaged',
      approvedByPin: PIN,
      idempotencyKey: randomUUID(),
    };
    const rows = await refundRows();
    const first = await t.ok(CREATE_RETURN, { input }, fx.cashier.token);
    const again = await t.ok(CREATE_RETURN, { input }, fx.cashier.token);
    expect(again.createReturn.id).toBe(first.createReturn.id);
    expect(again.createReturn.refundNumber).toBe(first.createReturn.refundNumber);
    expect(await refundRows()).toBe(rows + 1);
    const reused = await t.gql(CREATE_RETURN, { input: { ...input, reason: 'other' } }, fx.cashier.token);
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await stockOf(t, fx.ownerToken, mall.locationId, fx.products.CAP.id)).onHand).toBe(1); // not restocked
  });

  it("another tenant's product or terminal is NOT_FOUND", async () => {
    const other = await setupPos(t, { products: [{ sku: 'HAT', price: '5.00', barcode: 'HAT-0001', stock: 0 }] });
    const byId = await createReturn(t, fx.cashier.token, {
      terminalId: mall.register.terminalId,
      items: [item({ barcode: undefined, productId: other.products.HAT.id })],
      method: 'CASH',
      approvedByPin: PIN,
    });
    expect(codeOf(byId)).toBe('NOT_FOUND');
    const byBarcode = await createReturn(t, fx.cashier.token, {
      terminalId: mall.register.terminalId,
      items: [item({ barcode: 'HAT-0001' })],
      method: 'CASH',
      approvedByPin: PIN,
    });
    expect(codeOf(byBarcode)).toBe('NOT_FOUND');
    const terminal = await createReturn(t, fx.cashier.token, {
      terminalId: other.terminalId,
      items: [item()],
      method: 'CASH',
      approvedByPin: PIN,
    });
    expect(codeOf(terminal)).toBe('NOT_FOUND');
  });

  it('bounds: quantity 0, 1001 units, 101 items, no items, two product keys, a missing reason are BAD_USER_INPUT', async () => {
    const rows = await refundRows();
    const cases = [
      [item({ quantity: 0 })],
      [item({ quantity: 1001 })],
      Array.from({ length: 101 }, () => item()),
      [],
      [item({ sku: 'CAP' })],
      [item({ reason: '' })],
    ];
    for (const items of cases) {
      const res = await createReturn(t, manager.token, { terminalId: fx.terminalId, items, method: 'CASH' });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
    const card = await createReturn(t, manager.token, { terminalId: fx.terminalId, items: [item()], method: 'CARD' });
    expect(codeOf(card)).toBe('BAD_USER_INPUT');
    expect(card.errors![0].extensions!.field).toBe('method');
    expect(await refundRows()).toBe(rows);
  });

  it('CASH needs an open session on the terminal (SESSION_NOT_OPEN)', async () => {
    const closed = await addRegister(t, fx.ownerToken, fx.locationId, { open: false });
    const res = await createReturn(t, manager.token, {
      terminalId: closed.terminalId,
      items: [item()],
      method: 'CASH',
    });
    expect(codeOf(res)).toBe('SESSION_NOT_OPEN');
  });

  it('display and hardware-agent device tokens are FORBIDDEN', async () => {
    for (const kind of ['DISPLAY', 'HARDWARE_AGENT']) {
      const issued = await t.ok(ISSUE_DEVICE_TOKEN, { input: { terminalId: fx.terminalId, kind } }, fx.ownerToken);
      const res = await createReturn(t, issued.issueDeviceToken.token, {
        terminalId: fx.terminalId,
        items: [item()],
        method: 'CASH',
        approvedByPin: PIN,
      });
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
  });
});

describe('returns: prices including tax, store credit, the approval policy', () => {
  let t: TestApp;
  let fx: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    // Prices include tax: 10.80 at 8 % holds 0.80 of tax.
    fx = await setupPos(t, {
      tenant: { pricesIncludeTax: true, currency: 'EUR' },
      products: [{ sku: 'SCARF', price: '10.80', taxRate: '0.08', stock: 0 }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('store credit goes to the customer (required); with the policy off a cashier returns alone, another price still needs a manager', async () => {
    const customer = (await t.ok(CREATE_CUSTOMER, { input: { name: 'Ada' } }, fx.ownerToken)).createCustomer;
    const policy = await t.ok(
      UPDATE_POLICY,
      { input: { approvalPolicy: { receiptlessReturnNeedsApproval: false } } },
      fx.ownerToken,
    );
    expect(policy.updateTenantSettings.approvalPolicy.receiptlessReturnNeedsApproval).toBe(false);
    const line = { sku: 'SCARF', quantity: 1, returnToStock: true, reason: 'unwanted gift' };

    const noCustomer = await createReturn(t, fx.cashier.token, {
      terminalId: fx.terminalId,
      items: [line],
      method: 'CREDIT',
    });
    expect(codeOf(noCustomer)).toBe('BAD_USER_INPUT');
    expect(noCustomer.errors![0].extensions!.field).toBe('customerId');

    const res = await createReturn(t, fx.cashier.token, {
      terminalId: fx.terminalId,
      items: [line],
      method: 'CREDIT',
      customerId: customer.id,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReturn).toMatchObject({ amount: '10.80', method: 'CREDIT', approvedBy: null });
    expect(res.data!.createReturn.items[0]).toMatchObject({ amount: '10.80', taxAmount: '0.80', unitPrice: '10.80' });
    const [balance] = await t.sql(`select store_credit_balance::text as b from customers where id = ?`, [customer.id]);
    expect(balance.b).toBe('10.8000');
    // No stock anywhere and no purchase: the cost price (0 here) is the cost.
    const layers = await t.sql(`select unit_cost::text as unit_cost from valuation_layers where reference_id = ?`, [
      res.data!.createReturn.id,
    ]);
    expect(layers).toEqual([{ unit_cost: '0.0000' }]);

    const overridden = await createReturn(t, fx.cashier.token, {
      terminalId: fx.terminalId,
      items: [{ ...line, unitPrice: '8.00' }],
      method: 'CREDIT',
      customerId: customer.id,
    });
    expect(codeOf(overridden)).toBe('APPROVAL_REQUIRED');
    const samePrice = await createReturn(t, fx.cashier.token, {
      terminalId: fx.terminalId,
      items: [{ ...line, unitPrice: '10.80' }],
      method: 'CREDIT',
      customerId: customer.id,
    });
    expect(samePrice.errors).toBeUndefined();
  });
});
