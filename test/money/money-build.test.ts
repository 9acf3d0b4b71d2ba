import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * src/money built on its own (tsconfig.money.json) is a module a web POS can
 * import: its files require each other and decimal.js only, and loaded from a
 * folder holding nothing else it computes docs/money.md's Example 1.
 */
describe('src/money as a stand-alone module', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pos-money-'));
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.money.json', '--outDir', path.join(dir, 'money')],
      {
        cwd: ROOT,
      },
    );
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.join(ROOT, 'node_modules/decimal.js'), path.join(dir, 'node_modules/decimal.js'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('requires nothing but its own files and decimal.js', () => {
    const required = new Set(
      readdirSync(path.join(dir, 'money'))
        .filter((f) => f.endsWith('.js'))
        .flatMap((f) =>
          [...readFileSync(path.join(dir, 'money', f), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]),
        )
        .filter((name) => !name.startsWith('./')),
    );
    expect([...required]).toEqual(['decimal.js']);
  });

  it('computes Example 1 from a folder holding only the built module', () => {
    const script = `
      const money = require('./money');
      const Decimal = require('decimal.js');
      const d = (v) => new Decimal(v);
      const totals = money.calculateCartTotals({
        lines: [
          { unitPrice: d('19.99'), quantity: 3, taxRate: d('0.0825'), discount: { type: 'PERCENTAGE', value: d(10) } },
          { unitPrice: d('4.49'), quantity: 2, taxRate: d('0.0825') },
          { unitPrice: d('0.99'), quantity: 1, taxRate: d(0) },
        ],
        cartDiscount: { type: 'FIXED_AMOUNT', value: d('5.00') },
        pricesIncludeTax: false,
        currencyDigits: money.minorUnitDigits('USD'),
        roundingMode: money.RoundingMode.HALF_UP,
      });
      const s = totals.sale;
      let refused;
      try { money.calculateCartTotals({ lines: [{ unitPrice: d(-1), quantity: 1, taxRate: d(0) }], pricesIncludeTax: false, currencyDigits: 2, roundingMode: 'HALF_UP' }); }
      catch (e) { refused = e.extensions; }
      console.log(JSON.stringify({
        sale: [s.subtotal, s.discountAmount, s.taxAmount, s.totalAmount].map((x) => x.toFixed(2)),
        lines: totals.lines.map((l) => l.lineTotal.toFixed(2)),
        refused,
      }));`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH },
    }).toString();
    expect(JSON.parse(out)).toEqual({
      sale: ['69.94', '11.00', '4.78', '63.72'],
      lines: ['53.85', '8.96', '0.91'],
      refused: { code: 'BAD_USER_INPUT', field: 'unitPrice' },
    });
  });
});
