import 'reflect-metadata';
import { graphql } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { ReceiptType } from '../../src/schema/receipt.types';
import { renderReceiptText } from '../../src/receipt/render-text';
import { exampleOneReceipt } from '../support/receipt-sample';

// Stands in for the checkout module's `receipt(saleId)` resolver, to check the payload shape only.
@Resolver()
class ReceiptProbe {
  @Query(() => ReceiptType)
  receipt(): ReceiptType {
    const data = exampleOneReceipt();
    return { ...data, text: renderReceiptText(data) };
  }
}

describe('the Receipt GraphQL type', () => {
  it('serves the receipt data with money as exact strings and the text rendering', async () => {
    const schema = await buildSchema({ resolvers: [ReceiptProbe], validate: false });
    const res = await graphql({
      schema,
      source: `{ receipt {
        header { tenantName locationName locationCode address }
        saleNumber terminalCode cashierName completedAt timezone currency
        lines { name sku quantity unitPrice grossAmount discountAmount lineTotal taxRate }
        subtotal discountAmount taxAmount totalAmount roundingAdjustment
        taxBreakdown { rate taxableAmount taxAmount }
        payments { method amount receivedAmount changeGiven reference }
        changeAmount refunds { refundNumber amount method at } status footer text
      } }`,
    });
    expect(res.errors).toBeUndefined();
    const receipt = (res.data as { receipt: Record<string, unknown> }).receipt;
    const data = exampleOneReceipt();
    expect(receipt).toEqual({
      ...data,
      payments: [{ ...data.payments[0], reference: null }],
      text: renderReceiptText(data),
    });
    expect(receipt.totalAmount).toBe('63.72');
    expect(receipt.text).toContain('TOTAL USD                            63.72\n');
  });
});
