import { exampleOneReceipt } from '../../test/support/receipt-sample';
import type { ReceiptData } from './receipt-data';
import { layoutReceipt } from './receipt-layout';
import { renderReceiptText } from './render-text';

const lines = (data: ReceiptData, width?: number) => renderReceiptText(data, width).split('\n').slice(0, -1);

describe('renderReceiptText', () => {
  it('prints docs/money.md Example 1 line for line in 42 columns', () => {
    expect(lines(exampleOneReceipt())).toEqual([
      '            Corner Coffee Co.',
      '              Downtown (DT1)',
      '              12 Main Street',
      '          Springfield, IL 62701',
      '',
      'Receipt                          T1-000042',
      'Date                      2026-02-28 22:30',
      'Terminal                                T1',
      'Cashier                      Alice Example',
      '------------------------------------------',
      'Organic Fair-Trade Coffee Beans, Dark',
      'Roast 1kg',
      '  3 x 19.99                          59.97',
      '  Discount                          -10.22',
      'Oat Milk 1L',
      '  2 x 4.49                            8.98',
      '  Discount                           -0.70',
      'Paper Cup',
      '  1 x 0.99                            0.99',
      '  Discount                           -0.08',
      '------------------------------------------',
      'Subtotal                             69.94',
      'Discount                            -11.00',
      'Tax                                   4.78',
      'TOTAL USD                            63.72',
      '------------------------------------------',
      'Tax 8.25% on 58.03                    4.78',
      'Tax 0% on 0.91                        0.00',
      '------------------------------------------',
      'Cash                                 63.72',
      '  Tendered                          100.00',
      'CHANGE                               36.28',
      '',
      '               *T1-000042*',
      '',
      '     Thank you for shopping with us!',
      'Returns within 30 days with this receipt.',
    ]);
  });

  it('ends every line with a newline and marks only the name, total and change bold', () => {
    expect(renderReceiptText(exampleOneReceipt()).endsWith('this receipt.\n')).toBe(true);
    const bold = layoutReceipt(exampleOneReceipt())
      .filter((l) => l.bold)
      .map((l) => l.text.trim());
    expect(bold).toEqual([
      'Corner Coffee Co.',
      'TOTAL USD                            63.72',
      'CHANGE                               36.28',
    ]);
  });

  it('prints refunds, the status banner, cash rounding and only the last 4 of a reference', () => {
    const data = exampleOneReceipt({
      status: 'PARTIALLY_REFUNDED',
      roundingAdjustment: '-0.02',
      discountAmount: '0.00',
      payments: [
        { method: 'CARD', amount: '50.00', reference: 'tok_4242424242424242' },
        { method: 'CASH', amount: '13.70', receivedAmount: '13.70', changeGiven: '0.00' },
      ],
      changeAmount: '0.00',
      refunds: [{ refundNumber: 'R-000007', amount: '17.95', method: 'CASH', at: '2026-07-04T16:05:00.000Z' }],
    });
    const out = lines(data);
    expect(out.slice(4, 7)).toEqual(['', '        *** PARTIALLY REFUNDED ***', '']);
    expect(out).toContain('Cash rounding                        -0.02');
    expect(out).not.toContain('Discount                            -11.00');
    expect(out).toContain('Card ****4242                        50.00');
    expect(out).toContain('Cash                                 13.70');
    expect(out.some((l) => l.includes('Tendered') || l.startsWith('CHANGE'))).toBe(false);
    // July: New York is on daylight time (UTC-4).
    expect(out.slice(out.indexOf('Refund R-000007                     -17.95'), -5)).toEqual([
      'Refund R-000007                     -17.95',
      '  2026-07-04 12:05 Cash',
    ]);
  });

  it('wraps long names and words and never exceeds the width', () => {
    const data = exampleOneReceipt({
      status: 'VOIDED',
      header: {
        tenantName: 'The Extraordinarily Long-Named Neighbourhood Cooperative Grocery',
        locationName: 'Riverside Market Hall',
        locationCode: 'RIVERSIDE-MARKET-HALL-EAST-ENTRANCE',
        address: 'Unit 4, 1234 Boulevard of the Very Long Street Names',
      },
      cashierName: 'Maximilian Alexander Bartholomew-Featherstonehaugh',
      lines: [
        {
          ...exampleOneReceipt().lines[0],
          name: 'Supercalifragilisticexpialidocious-Extra-Large-Gift-Basket-Deluxe Édition spéciale',
          quantity: 1000,
          unitPrice: '12345.6789',
          grossAmount: '12345678.90',
        },
      ],
      payments: [{ method: 'MOBILE_WALLET_WITH_A_VERY_LONG_PROVIDER_NAME', amount: '12345678.90', reference: '9876' }],
      refunds: [{ refundNumber: 'R-000001', amount: '1.00', method: 'BANK_TRANSFER', at: '2026-03-02T10:00:00.000Z' }],
      footer: 'A footer with a URL https://example.com/a/really/long/path/to/the/returns/policy/page',
    });
    for (const width of [24, 32, 35, 42, 44, 48]) {
      const out = lines(data, width);
      for (const line of out) {
        expect(Array.from(line).length).toBeLessThanOrEqual(width);
        expect(line).toBe(line.trimEnd());
      }
      expect(out.join(' ')).toContain('*** VOIDED ***');
      if (width >= 32) expect(out).toContain(`${'  1000 x 12345.6789'.padEnd(width - 11)}12345678.90`);
    }
    const narrow = lines(data, 24);
    expect(narrow.slice(narrow.indexOf('  1000 x'), narrow.indexOf('  1000 x') + 2)).toEqual([
      '  1000 x',
      '  12345.6789 12345678.90',
    ]);
    expect(narrow.slice(narrow.indexOf('Cashier'), narrow.indexOf('Cashier') + 3)).toEqual([
      'Cashier',
      '    Maximilian Alexander',
      'Bartholomew-Featherstone',
    ]);
  });

  it('marks the empty line where the printer draws the sale number as a barcode, the number below it', () => {
    const laid = layoutReceipt(exampleOneReceipt());
    const at = laid.findIndex((l) => l.barcode);
    expect(laid.filter((l) => l.barcode)).toEqual([{ text: '', bold: false, barcode: 'T1-000042' }]);
    expect(laid[at + 1].text.trim()).toBe('*T1-000042*');
    expect(laid[at - 1].text).toMatch(/^CHANGE/);
  });

  it('rejects a width too narrow for a label and an amount', () => {
    expect(() => renderReceiptText(exampleOneReceipt(), 20)).toThrow(RangeError);
  });
});
