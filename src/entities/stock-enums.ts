/** Which way a stock movement went. Quantities are signed: IN > 0, OUT < 0, ADJUSTMENT either. */
export enum StockMovementType {
  IN = 'IN',
  OUT = 'OUT',
  ADJUSTMENT = 'ADJUSTMENT',
}

/** What caused a stock movement (or a cost layer). */
export enum StockReferenceType {
  SALE = 'SALE',
  REFUND = 'REFUND',
  VOID = 'VOID',
  RECEIPT = 'RECEIPT',
  ADJUSTMENT = 'ADJUSTMENT',
}
