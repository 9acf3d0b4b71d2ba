/**
 * A receipt as plain, JSON-serializable data: what the `receipt(saleId)` query
 * returns, what a PRINT_RECEIPT hardware command carries and what the email
 * job renders. Every figure is already computed and formatted by the sale
 * module (a string at the currency's minor unit: "63.72", JPY "1200"), so the
 * renderers never do money arithmetic or rounding of their own.
 */

export type ReceiptStatus = 'COMPLETED' | 'VOIDED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';

export interface ReceiptHeader {
  tenantName: string;
  locationName: string;
  locationCode: string;
  /** May hold several lines separated by "\n". */
  address?: string | null;
}

export interface ReceiptLineItem {
  name: string;
  sku: string;
  quantity: number;
  unitPrice: string;
  /**
   * round(unitPrice x quantity) (docs/money.md step 1). Not in the sale row's API
   * fields, but the receipt needs it: line amounts must add up to the
   * subtotal, and only the money module may round.
   */
  grossAmount: string;
  /** Item discount plus this line's share of the cart discount. */
  discountAmount: string;
  lineTotal: string;
  /** A fraction: "0.0825" is 8.25 %. */
  taxRate: string;
}

export interface ReceiptTaxRow {
  rate: string;
  taxableAmount: string;
  taxAmount: string;
}

export interface ReceiptPayment {
  /** CASH, CARD, MOBILE_WALLET, BANK_TRANSFER, CREDIT. */
  method: string;
  amount: string;
  receivedAmount?: string | null;
  changeGiven?: string | null;
  /** At most the last 4 characters of the gateway reference or card number. */
  reference?: string | null;
}

export interface ReceiptRefund {
  refundNumber: string;
  amount: string;
  method: string;
  /** ISO 8601 instant. */
  at: string;
}

export interface ReceiptData {
  header: ReceiptHeader;
  saleNumber: string;
  terminalCode: string;
  cashierName: string;
  /** ISO 8601 instant; printed in `timezone` (the location's IANA zone). */
  completedAt: string;
  timezone: string;
  currency: string;
  lines: ReceiptLineItem[];
  subtotal: string;
  discountAmount: string;
  taxAmount: string;
  totalAmount: string;
  /** Signed cash rounding (docs/money.md "Cash rounding"). */
  roundingAdjustment: string;
  taxBreakdown: ReceiptTaxRow[];
  payments: ReceiptPayment[];
  changeAmount: string;
  refunds: ReceiptRefund[];
  status: ReceiptStatus;
  footer: string;
}
