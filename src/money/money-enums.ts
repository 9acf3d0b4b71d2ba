/* The enums the money rules switch on; the entities and the GraphQL schema use these same objects. */

export enum CostingMethod {
  FIFO = 'FIFO',
  LIFO = 'LIFO',
  AVERAGE = 'AVERAGE',
}

export enum RoundingMode {
  HALF_UP = 'HALF_UP',
  HALF_EVEN = 'HALF_EVEN',
}

export enum PaymentMethod {
  CASH = 'CASH',
  CARD = 'CARD',
  MOBILE_WALLET = 'MOBILE_WALLET',
  BANK_TRANSFER = 'BANK_TRANSFER',
  CREDIT = 'CREDIT',
  /** Never a payment row's method: a sale's derived method when several paid it. */
  SPLIT = 'SPLIT',
}

/** One refunded line of a refund (stored as JSON on the refund). */
export interface RefundLine {
  /** null: a line returned without a receipt (docs/returns.md); productId says what came back. */
  saleItemId: string | null;
  quantity: number;
  /** Decimal string: what this line's units returned (docs/money.md, Refunds). */
  amount: string;
  returnToStock: boolean;
  /** Lines without a sale line carry what reports otherwise read from it (decimal strings). */
  productId?: string;
  unitPrice?: string;
  /** The tax part of `amount`. */
  taxAmount?: string;
  /** The cost the units were restocked at (unitCost x quantity); "0" when not restocked. */
  costAmount?: string;
  reason?: string;
}

/** Denomination -> number of pieces, e.g. {"100": 1, "0.25": 4}. */
export type CashCount = Record<string, number>;
