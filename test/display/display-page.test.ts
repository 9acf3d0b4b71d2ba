import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { addItem, newCart, PosFixture, setupPos } from '../support/pos-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { deviceToken } from './support';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const usd = (value: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(value));

describe('the customer display page in headless Chromium', () => {
  let t: TestApp;
  let fx: PosFixture;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    fx = await setupPos(t, {
      products: [
        { sku: 'LATTE', name: 'Caffè latte', price: '4.20', taxRate: '0.0825' },
        { sku: 'MUFFIN', name: 'Blueberry muffin', price: '3.15', taxRate: '0.0825' },
      ],
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a line added through the API and the new total, and saves a screenshot', async () => {
    const token = await deviceToken(t, fx.ownerToken, fx.terminalId, 'DISPLAY');
    const page = await browser.newPage({ viewport: { width: 1024, height: 600 }, locale: 'en-US' });
    const origin = t.url.replace(/\/graphql$/, '');
    await page.goto(`${origin}/display#token=${encodeURIComponent(token)}`);
    await page.locator('#status[data-state="connected"]').waitFor({ timeout: 10_000 });
    await expectVisible(page, '#idle');
    expect(page.url()).not.toContain('token='); // taken out of the address bar

    const cart = await newCart(t, fx);
    // The page's subscription is registered right after "connected"; add until the display shows the line.
    let latest = await addItem(t, fx, cart.id, 'LATTE', 2);
    const line = page.locator('#lines tbody tr', { hasText: 'Caffè latte' });
    try {
      await line.waitFor({ timeout: 2000 });
    } catch {
      latest = await addItem(t, fx, cart.id, 'LATTE', 1);
      await line.waitFor({ timeout: 10_000 });
    }
    latest = await addItem(t, fx, cart.id, 'MUFFIN', 1);
    await page.locator('#lines tbody tr', { hasText: 'Blueberry muffin' }).waitFor({ timeout: 10_000 });
    await page.locator('#total', { hasText: usd(latest.totalAmount) }).waitFor({ timeout: 10_000 });

    const rows = await page.locator('#lines tbody tr').allInnerTexts();
    const latte = latest.items.find((i: { productName: string }) => i.productName === 'Caffè latte');
    // Tax-exclusive prices: the line shows quantity x price (no tax), like the subtotal; tax is added below.
    expect(rows[0].split('\t')).toEqual([
      'Caffè latte',
      String(latte.quantity),
      '$4.20',
      usd(String(latte.quantity * 4.2)),
    ]);
    expect(await page.locator('#subtotal').innerText()).toBe(usd(latest.subtotal));
    expect(await page.locator('#tax').innerText()).toBe(`+${usd(latest.taxAmount)}`);
    await expectVisible(page, '#cart');

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'display.png'), fullPage: true });
    await page.close();
  });

  it('asks for a token when the server refuses the one it has', async () => {
    const page = await browser.newPage();
    const origin = t.url.replace(/\/graphql$/, '');
    const user = fx.cashier.token; // a valid token, but not a DISPLAY one
    await page.goto(`${origin}/display#token=${encodeURIComponent(user)}`);
    await page.locator('#setup').waitFor({ state: 'visible', timeout: 10_000 });
    const fake = [
      'x',
      Buffer.from(JSON.stringify({ knd: 'DISPLAY', trm: fx.terminalId })).toString('base64url'),
      'y',
    ].join('.');
    await page.fill('#token-input', fake);
    await page.click('#setup button');
    await page.locator('#status', { hasText: 'refused' }).waitFor({ timeout: 10_000 });
    await expectVisible(page, '#setup');
    await page.close();
  });
});

async function expectVisible(page: import('playwright-core').Page, selector: string) {
  await page.locator(selector).waitFor({ state: 'visible', timeout: 5000 });
}
