import { PosFixture, setupPos } from '../support/pos-fixtures';
import { ISSUE_DEVICE_TOKEN } from '../support/operations';
import { codeOf, startTestApp, TestApp } from '../support/test-app';
import { cashSale } from './checkout-support';

const SALE_BY_NUMBER = /* GraphQL */ `
  query SaleByNumber($saleNumber: String!) {
    saleByNumber(saleNumber: $saleNumber) {
      id
      saleNumber
      status
      totalAmount
      items {
        productName
        quantity
      }
    }
  }
`;

describe('saleByNumber: the lookup behind the receipt barcode', () => {
  let t: TestApp;
  let fx: PosFixture;
  let other: PosFixture;
  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, { products: [{ sku: 'TEN', price: '10.00' }] });
    other = await setupPos(t, { products: [{ sku: 'X', price: '3.00' }] });
  });
  afterAll(() => t.close());

  it("finds the tenant's sale by its number for a CASHIER; a scanner's spaces and the receipt's *...* are ignored", async () => {
    const sale = await cashSale(t, fx, { TEN: 2 });
    expect(sale.saleNumber).toBe(`${fx.terminalCode}-000001`);
    const found = (await t.ok(SALE_BY_NUMBER, { saleNumber: ` ${sale.saleNumber}\n` }, fx.cashier.token)).saleByNumber;
    expect(found).toEqual({
      id: sale.id,
      saleNumber: sale.saleNumber,
      status: 'COMPLETED',
      totalAmount: '20.00',
      items: [{ productName: 'TEN', quantity: 2 }],
    });
    const starred = (await t.ok(SALE_BY_NUMBER, { saleNumber: `*${sale.saleNumber}*` }, fx.cashier.token)).saleByNumber;
    expect(starred.id).toBe(sale.id);
  });

  it("is null for an unknown number, another tenant's number, and a number longer than any", async () => {
    const theirs = await cashSale(t, other, { X: 1 });
    for (const saleNumber of [`${fx.terminalCode}-999999`, theirs.saleNumber, 'A'.repeat(51), '']) {
      expect((await t.ok(SALE_BY_NUMBER, { saleNumber }, fx.cashier.token)).saleByNumber).toBeNull();
    }
    expect((await t.ok(SALE_BY_NUMBER, { saleNumber: theirs.saleNumber }, other.cashier.token)).saleByNumber.id).toBe(
      theirs.id,
    );
  });

  it('is FORBIDDEN for a DISPLAY device token and UNAUTHENTICATED without a token', async () => {
    const display = (
      await t.ok(ISSUE_DEVICE_TOKEN, { input: { terminalId: fx.terminalId, kind: 'DISPLAY' } }, fx.ownerToken)
    ).issueDeviceToken.token;
    const saleNumber = `${fx.terminalCode}-000001`;
    expect(codeOf(await t.gql(SALE_BY_NUMBER, { saleNumber }, display))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SALE_BY_NUMBER, { saleNumber }))).toBe('UNAUTHENTICATED');
  });
});
