import { Field, Int, ObjectType } from 'type-graphql';
import type {
  ReceiptData,
  ReceiptHeader,
  ReceiptLineItem,
  ReceiptPayment,
  ReceiptRefund,
  ReceiptStatus,
  ReceiptTaxRow,
} from '../receipt/receipt-data';
import { DecimalScalar } from './scalars';

// The shapes of `services/receipt/receipt-data.ts`; money arrives as formatted strings,
// which the Decimal scalar passes through.

@ObjectType('ReceiptHeader')
export class ReceiptHeaderType implements ReceiptHeader {
  @Field() tenantName!: string;
  @Field() locationName!: string;
  @Field() locationCode!: string;
  @Field(() => String, { nullable: true }) address?: string | null;
}

@ObjectType('ReceiptLine')
export class ReceiptLineType implements ReceiptLineItem {
  @Field() name!: string;
  @Field() sku!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar) unitPrice!: string;
  @Field(() => DecimalScalar, { description: 'unitPrice x quantity, rounded to the minor unit' }) grossAmount!: string;
  @Field(() => DecimalScalar, { description: "Item discount plus the line's share of the cart discount" })
  discountAmount!: string;
  @Field(() => DecimalScalar) lineTotal!: string;
  @Field(() => DecimalScalar, { description: 'A fraction: 0.0825 is 8.25 %' }) taxRate!: string;
}

@ObjectType('ReceiptTaxRow')
export class ReceiptTaxRowType implements ReceiptTaxRow {
  @Field(() => DecimalScalar) rate!: string;
  @Field(() => DecimalScalar) taxableAmount!: string;
  @Field(() => DecimalScalar) taxAmount!: string;
}

@ObjectType('ReceiptPayment')
export class ReceiptPaymentType implements ReceiptPayment {
  @Field({ description: 'CASH, CARD, MOBILE_WALLET, BANK_TRANSFER or CREDIT' }) method!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DecimalScalar, { nullable: true }) receivedAmount?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) changeGiven?: string | null;
  @Field(() => String, { nullable: true, description: 'Last 4 characters of the card or gateway reference' })
  reference?: string | null;
}

@ObjectType('ReceiptRefund')
export class ReceiptRefundType implements ReceiptRefund {
  @Field() refundNumber!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field() method!: string;
  @Field({ description: 'ISO 8601 instant' }) at!: string;
}

@ObjectType('Receipt', { description: 'A sale as printed: structured lines plus the 42-column text rendering' })
export class ReceiptType implements ReceiptData {
  @Field(() => ReceiptHeaderType) header!: ReceiptHeaderType;
  @Field() saleNumber!: string;
  @Field() terminalCode!: string;
  @Field() cashierName!: string;
  @Field({ description: 'ISO 8601 instant' }) completedAt!: string;
  @Field({ description: "The location's IANA time zone, in which the text prints times" }) timezone!: string;
  @Field() currency!: string;
  @Field(() => [ReceiptLineType]) lines!: ReceiptLineType[];
  @Field(() => DecimalScalar) subtotal!: string;
  @Field(() => DecimalScalar) discountAmount!: string;
  @Field(() => DecimalScalar) taxAmount!: string;
  @Field(() => DecimalScalar) totalAmount!: string;
  @Field(() => DecimalScalar) roundingAdjustment!: string;
  @Field(() => [ReceiptTaxRowType]) taxBreakdown!: ReceiptTaxRowType[];
  @Field(() => [ReceiptPaymentType]) payments!: ReceiptPaymentType[];
  @Field(() => DecimalScalar) changeAmount!: string;
  @Field(() => [ReceiptRefundType]) refunds!: ReceiptRefundType[];
  @Field(() => String, { description: 'COMPLETED, VOIDED, PARTIALLY_REFUNDED or REFUNDED' }) status!: ReceiptStatus;
  @Field() footer!: string;
  @Field({ description: 'renderReceiptText(receipt): what the printer prints, one "\\n" per line' }) text!: string;
}
