import { randomUUID } from 'node:crypto';
import { Client } from 'graphql-ws';
import { ADD_PAYMENT, COMPLETE_SALE } from '../checkout/checkout-support';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { collect, subscriptionErrorCode, wsClient } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';
import { deviceToken } from './support';

const SALE_COMPLETED = /* GraphQL */ `
  subscription SaleCompleted($locationId: ID) {
    saleCompleted(locationId: $locationId) {
      id
      status
      saleNumber
      totalAmount
      items {
        productName
        quantity
      }
      terminal {
        id
      }
    }
  }
`;

interface CompletedSale {
  id: string;
  status: string;
  saleNumber: string;
  totalAmount: string;
  items: Array<{ productName: string; quantity: number }>;
  terminal: { id: string };
}

describe('saleCompleted', () => {
  let t: TestApp;
  let fx: PosFixture;
  const clients: Client[] = [];
  const subscribe = (token: string, locationId: string | null) => {
    const client = wsClient(t.url, token);
    clients.push(client);
    return collect<CompletedSale>(client, SALE_COMPLETED, { locationId }, 'saleCompleted');
  };

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'CAKE', name: 'Cheesecake', price: '5.50' }] });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await t.close();
  });

  async function completeSale(): Promise<string> {
    const cart = await newCart(t, fx);
    const sale = await addItem(t, fx, cart.id, 'CAKE', 2);
    await t.ok(
      ADD_PAYMENT,
      { input: { saleId: cart.id, method: 'CASH', amount: sale.totalAmount, idempotencyKey: randomUUID() } },
      fx.cashier.token,
    );
    await t.ok(COMPLETE_SALE, { input: { saleId: cart.id, idempotencyKey: randomUUID() } }, fx.cashier.token);
    return cart.id;
  }

  it('delivers each completed sale to subscribers of its location and of all locations', async () => {
    const here = subscribe(fx.cashier.token, fx.locationId);
    const everywhere = subscribe(fx.ownerToken, null);
    // No "subscribed" signal in graphql-ws: complete sales until both have heard one.
    let saleId = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      saleId = await completeSale();
      try {
        await Promise.all([here, everywhere].map((s) => s.waitFor((sale) => sale.id === saleId, 500)));
        break;
      } catch {
        // subscription not registered yet: try with another sale
      }
    }
    for (const sub of [here, everywhere]) {
      const sale = await sub.waitFor((s) => s.id === saleId);
      expect(sale).toMatchObject({
        status: 'COMPLETED',
        totalAmount: '11.00',
        items: [{ productName: 'Cheesecake', quantity: 2 }],
        terminal: { id: fx.terminalId },
      });
      expect(sale.saleNumber).toMatch(new RegExp(`^${fx.terminalCode}-\\d{6}$`));
    }
  });

  it('refuses devices, and answers NOT_FOUND for a location of another tenant', async () => {
    const display = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    expect(subscriptionErrorCode(await subscribe(display, fx.locationId).waitForError())).toBe('FORBIDDEN');
    const stranger = await setupPos(t);
    expect(subscriptionErrorCode(await subscribe(stranger.ownerToken, fx.locationId).waitForError())).toBe('NOT_FOUND');
  });
});
