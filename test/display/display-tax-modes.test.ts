import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { ADD_PAYMENT } from '../checkout/checkout-support';
import { addItem, APPLY_ITEM_DISCOUNT, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { deviceToken } from './support';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const usd = (value: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(value));

/**
 * What a customer reads on the display, in both tax modes: lines and subtotal on one basis, the line
 * discount and the savings, tax added or included, the cash rounding, paid and change, the store's
 * name, amounts in the currency's format. Screenshots go to test-artifacts/.
 */
describe.each([
  { mode: 'tax-exclusive', pricesIncludeTax: false },
  { mode: 'tax-inclusive', pricesIncludeTax: true },
])('the customer display, $mode prices', ({ mode, pricesIncludeTax }) => {
  let t: TestApp;
  let fx: PosFixture;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      tenant: { pricesIncludeTax, cashRoundingIncrement: '0.05' },
      products: [
        { sku: 'LATTE', name: 'Caffè latte', price: '4.20', taxRate: '0.0825' },
        { sku: 'MUFFIN', name: 'Blueberry muffin', price: '3.15', taxRate: '0.0825' },
      ],
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function text(page: Page, selector: string) {
    return (await page.locator(selector).innerText()).trim();
  }

  it('shows discount, savings, tax, cash rounding and change as the customer pays', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'en-US' });
    const origin = t.url.replace(/\/graphql$/, '');
    await page.goto(
      `${origin}/display#token=${encodeURIComponent(await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY'))}`,
    );
    await page.locator('#status[data-state="connected"]').waitFor({ timeout: 10_000 });

    const cart = await newCart(t, fx);
    let latest = await addItem(t, fx, cart.id, 'LATTE', 2);
    const latteRow = page.locator('#lines tbody tr', { hasText: 'Caffè latte' });
    try {
      await latteRow.waitFor({ timeout: 2000 });
    } catch {
      latest = await addItem(t, fx, cart.id, 'MUFFIN', 1); // the subscription was not registered yet
    }
    if (!latest.items.some((i: any) => i.productSku === 'MUFFIN')) latest = await addItem(t, fx, cart.id, 'MUFFIN', 1);
    const latte = latest.items.find((i: any) => i.productSku === 'LATTE');
    latest = (
      await t.ok(
        APPLY_ITEM_DISCOUNT,
        { input: { cartId: cart.id, itemId: latte.id, type: 'PERCENTAGE', value: '10', reason: 'loyalty' } },
        fx.cashier.token,
      )
    ).applyItemDiscount;
    await t.ok(
      ADD_PAYMENT,
      { input: { saleId: cart.id, method: 'CASH', receivedAmount: '20.00', idempotencyKey: randomUUID() } },
      fx.cashier.token,
    );
    const [sale] = await t.sql(
      'select subtotal, discount_amount, tax_amount, total_amount, rounding_adjustment, paid_amount, change_amount from sales where id = ?',
      [cart.id],
    );
    await page.locator('#change', { hasText: usd(sale.change_amount) }).waitFor({ state: 'visible', timeout: 10_000 });

    expect(await text(page, '#store')).toBe(`Tenant ${fx.tenant.slug}`);
    const rows = await page.locator('#lines tbody tr').allInnerTexts();
    const discounted = latest.items.find((i: any) => i.productSku === 'LATTE');
    // Lines on the shelf-price basis: 2 x 4.20 less 10 % = 7.56, with or without tax in it, like the subtotal.
    expect(rows.map((r) => r.split('\t'))).toEqual([
      ['Caffè latte', '2', '$4.20', '$7.56'],
      [`You save ${usd(discounted.discountAmount)}`],
      ['Blueberry muffin', '1', '$3.15', '$3.15'],
    ]);
    expect(await text(page, '#subtotal')).toBe(usd(sale.subtotal));
    expect(usd(sale.subtotal)).toBe('$11.55');
    expect(await text(page, '#discount')).toBe(`-${usd(sale.discount_amount)}`);
    expect(await text(page, '#tax-label')).toBe(pricesIncludeTax ? 'Tax included' : 'Tax');
    expect(await text(page, '#tax')).toBe(`${pricesIncludeTax ? '' : '+'}${usd(sale.tax_amount)}`);
    expect(await text(page, '#total')).toBe(usd(sale.total_amount));
    // The cash rounding is on screen whenever it is not zero, with its sign: total + rounding = what cash paid.
    const rounding = Number(sale.rounding_adjustment);
    expect(rounding).not.toBe(0);
    expect(await text(page, '#rounding')).toBe(`${rounding > 0 ? '+' : '-'}${usd(String(Math.abs(rounding)))}`);
    expect(Number(sale.total_amount) + rounding).toBeCloseTo(Number(sale.paid_amount), 4);
    expect(await text(page, '#paid')).toBe(usd(sale.paid_amount));
    expect(await text(page, '#change')).toBe(usd(sale.change_amount));
    expect(await text(page, '#savings')).toBe(`You saved ${usd(sale.discount_amount)}`);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `display-${mode}.png`), fullPage: true });
    await page.close();
  });
});
