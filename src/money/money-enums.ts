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
  saleItemId: string;
  quantity: number;
  /** Decimal string: what this line's units returned (docs/money.md, Refunds). */
  amount: string;
  returnToStock: boolean;
}

/** Denomination -> number of pieces, e.g. {"100": 1, "0.25": 4}. */
export type CashCount = Record<string, number>;
