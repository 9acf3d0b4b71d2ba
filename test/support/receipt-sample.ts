import type { ReceiptData } from '../../src/receipt/receipt-data';

/** docs/money.md Example 1 (prices exclude tax, USD) as a completed cash sale. */
export function exampleOneReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    header: {
      tenantName: 'Corner Coffee Co.',
      locationName: 'Downtown',
      locationCode: 'DT1',
      address: '12 Main Street\nSpringfield, IL 62701',
    },
    saleNumber: 'T1-000042',
    terminalCode: 'T1',
    cashierName: 'Alice Example',
    completedAt: '2026-03-01T03:30:00.000Z',
    timezone: 'America/New_York',
    currency: 'USD',
    lines: [
      {
        name: 'Organic Fair-Trade Coffee Beans, Dark Roast 1kg',
        sku: 'COF-1KG',
        quantity: 3,
        unitPrice: '19.99',
        grossAmount: '59.97',
        discountAmount: '10.22',
        lineTotal: '53.85',
        taxRate: '0.0825',
      },
      {
        name: 'Oat Milk 1L',
        sku: 'OAT-1L',
        quantity: 2,
        unitPrice: '4.49',
        grossAmount: '8.98',
        discountAmount: '0.70',
        lineTotal: '8.96',
        taxRate: '0.0825',
      },
      {
        name: 'Paper Cup',
        sku: 'CUP',
        quantity: 1,
        unitPrice: '0.99',
        grossAmount: '0.99',
        discountAmount: '0.08',
        lineTotal: '0.91',
        taxRate: '0.00',
      },
    ],
    subtotal: '69.94',
    discountAmount: '11.00',
    taxAmount: '4.78',
    totalAmount: '63.72',
    roundingAdjustment: '0.00',
    taxBreakdown: [
      { rate: '0.0825', taxableAmount: '58.03', taxAmount: '4.78' },
      { rate: '0.00', taxableAmount: '0.91', taxAmount: '0.00' },
    ],
    payments: [{ method: 'CASH', amount: '63.72', receivedAmount: '100.00', changeGiven: '36.28' }],
    changeAmount: '36.28',
    refunds: [],
    status: 'COMPLETED',
    footer: 'Thank you for shopping with us!\nReturns within 30 days with this receipt.',
    ...overrides,
  };
}
