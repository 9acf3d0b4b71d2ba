import { CART_UPDATED, changeUntilHeard, deviceToken } from '../display/support';
import { userWithRole } from '../support/fixtures';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { collect, wsClient } from '../support/subscriptions';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { auditRows, OVERRIDE_ITEM_PRICE, SET_APPROVAL_POLICY } from './support';

describe('overrideItemPrice', () => {
  let t: TestApp;
  let fx: PosFixture;
  let mgr: { id: string; token: string };
  const PIN = '2468';

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      products: [
        { sku: 'TEN', price: '10.00' },
        { sku: 'TAXED', price: '10.00', taxRate: '0.0825' },
      ],
    });
    mgr = await userWithRole(t, fx.tenant, 'MANAGER', PIN);
  });
  afterAll(() => t.close());

  const override = (input: Record<string, unknown>, token = fx.cashier.token) =>
    t.gql(OVERRIDE_ITEM_PRICE, { input: { reason: 'price match', ...input } }, token);
  async function cartWith(sku: string, quantity: number) {
    const cart = await newCart(t, fx);
    const added = await addItem(t, fx, cart.id, sku, quantity);
    return { cartId: cart.id as string, itemId: added.items[0].id as string, version: added.version as number };
  }

  it('a CASHIER needs approval for any override by default; nothing changes without one', async () => {
    const { cartId, itemId, version } = await cartWith('TEN', 3);
    const denied = await override({ cartId, itemId, unitPrice: '8.00' });
    expect(codeOf(denied)).toBe('APPROVAL_REQUIRED');
    expect(denied.errors![0].message).toBe(
      "A price override of TEN to 8.00, 20 % below the product's price of 10.00 (a cashier may go 0 % below it), " +
        'needs a manager: a manager must approve it (approvedByPin or approverToken)',
    );
    expect(codeOf(await override({ cartId, itemId, unitPrice: '8.00', approvedByPin: '1357' }))).toBe(
      'APPROVAL_REQUIRED',
    );
    const [row] = await t.sql(
      `select s.version, i.unit_price::text, i.price_override_reason from sales s join sale_items i on i.sale_id = s.id where s.id = ?`,
      [cartId],
    );
    expect(row).toEqual({ version, unit_price: '10.0000', price_override_reason: null });
  });

  it("with a manager's PIN: new price, totals recomputed, version bumped, approver and reason on the line, audit rows", async () => {
    const { cartId, itemId, version } = await cartWith('TAXED', 2);
    const res = await override({ cartId, itemId, version, unitPrice: '7.99', approvedByPin: PIN });
    expect(res.errors).toBeUndefined();
    expect(res.data!.overrideItemPrice).toEqual({
      id: cartId,
      version: version + 1,
      subtotal: '15.98',
      taxAmount: '1.32',
      totalAmount: '17.30',
      items: [
        {
          id: itemId,
          unitPrice: '7.99',
          taxAmount: '1.32',
          lineTotal: '17.30',
          priceOverrideReason: 'price match',
          priceOverrideApprovedById: mgr.id,
        },
      ],
    });
    expect((await auditRows(t, 'sale_item.price_overridden', itemId)).map((r) => r.data)).toEqual([
      {
        saleId: cartId,
        from: '10.00',
        to: '7.99',
        productPrice: '10.00',
        reason: 'price match',
        approverId: mgr.id,
      },
    ]);
    expect(await auditRows(t, 'approval.granted', itemId)).toEqual([
      { data: { action: 'price_override', method: 'pin', approverId: mgr.id }, actor_id: fx.cashier.id },
    ]);
    // A stale version is CONFLICT, as for every cart edit.
    expect(codeOf(await override({ cartId, itemId, version, unitPrice: '7.00', approverToken: mgr.token }))).toBe(
      'CONFLICT',
    );
  });

  it('within priceOverrideThreshold a cashier goes alone; beyond it, or above the product price, needs approval', async () => {
    const set = await t.ok(
      SET_APPROVAL_POLICY,
      { input: { approvalPolicy: { priceOverrideThreshold: '10' } } },
      fx.ownerToken,
    );
    expect(set.updateTenantSettings.approvalPolicy.priceOverrideThreshold).toBe('10.00');
    const { cartId, itemId } = await cartWith('TEN', 1);
    const within = await override({ cartId, itemId, unitPrice: '9.00' });
    expect(within.data!.overrideItemPrice).toMatchObject({
      totalAmount: '9.00',
      items: [{ unitPrice: '9.00', priceOverrideReason: 'price match', priceOverrideApprovedById: null }],
    });
    expect(await auditRows(t, 'approval.granted', itemId)).toEqual([]);
    expect(codeOf(await override({ cartId, itemId, unitPrice: '8.99' }))).toBe('APPROVAL_REQUIRED');
    const raised = await override({ cartId, itemId, unitPrice: '10.01' });
    expect(codeOf(raised)).toBe('APPROVAL_REQUIRED');
    expect(raised.errors![0].message).toContain("above the product's price of 10.00");
    expect((await override({ cartId, itemId, unitPrice: '10.00' })).data!.overrideItemPrice.totalAmount).toBe('10.00');
    // A manager approves their own override beyond the threshold.
    const own = await override({ cartId, itemId, unitPrice: '0' }, mgr.token);
    expect(own.data!.overrideItemPrice).toMatchObject({
      totalAmount: '0.00',
      items: [{ unitPrice: '0.00', priceOverrideApprovedById: mgr.id }],
    });
    await t.ok(SET_APPROVAL_POLICY, { input: { approvalPolicy: { priceOverrideThreshold: '0' } } }, fx.ownerToken);
    for (const bad of ['-0.01', '100.01']) {
      expect(
        codeOf(
          await t.gql(
            SET_APPROVAL_POLICY,
            { input: { approvalPolicy: { priceOverrideThreshold: bad } } },
            fx.ownerToken,
          ),
        ),
      ).toBe('BAD_USER_INPUT');
    }
  });

  it('bounds: price non-negative, at most 1,000,000,000, four decimals; reason required and at most 255 characters', async () => {
    const { cartId, itemId } = await cartWith('TEN', 1);
    const fieldOf = async (input: Record<string, unknown>) => {
      const res = await override({ cartId, itemId, unitPrice: '5.00', approverToken: mgr.token, ...input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      return res.errors![0].extensions!.field;
    };
    expect(await fieldOf({ unitPrice: '-1.00' })).toBe('unitPrice');
    expect(await fieldOf({ unitPrice: '1000000000.01' })).toBe('unitPrice');
    expect(codeOf(await override({ cartId, itemId, unitPrice: '1.00001', approverToken: mgr.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await fieldOf({ reason: '' })).toBe('reason');
    expect(await fieldOf({ reason: '   ' })).toBe('reason');
    expect(await fieldOf({ reason: 'x'.repeat(256) })).toBe('reason');
  });

  it("another tenant's cart is NOT_FOUND; a DISPLAY token is FORBIDDEN", async () => {
    const other = await setupPos(t, { products: [{ sku: 'X', price: '3.00' }] });
    const cart = await newCart(t, other);
    const added = await addItem(t, other, cart.id, 'X', 1);
    const foreign = await override({ cartId: cart.id, itemId: added.items[0].id, unitPrice: '1.00' }, mgr.token);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const display = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const mine = await cartWith('TEN', 1);
    expect(codeOf(await override({ ...mine, version: undefined, unitPrice: '9.00' }, display))).toBe('FORBIDDEN');
  });

  it('the customer display hears the new price (ITEM_UPDATED)', async () => {
    const { cartId, itemId } = await cartWith('TEN', 2);
    const client = wsClient(t.url, await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY'));
    const sub = collect<{ event: string; cartId: string; items: Array<{ unitPrice: string }>; totalAmount: string }>(
      client,
      CART_UPDATED,
      { terminalId: fx.terminalId },
      'cartUpdated',
    );
    try {
      const heard = await changeUntilHeard(
        sub,
        (attempt) => override({ cartId, itemId, unitPrice: (6 - attempt * 0.01).toFixed(2) }, mgr.token),
        (e) => e.cartId === cartId && e.event === 'ITEM_UPDATED',
      );
      expect(heard.items[0].unitPrice).toMatch(/^[56]\.\d\d$/);
      expect(heard.totalAmount).toBe((Number(heard.items[0].unitPrice) * 2).toFixed(2));
    } finally {
      sub.stop();
      await client.dispose();
    }
  });
});
