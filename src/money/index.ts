/*
 * The money rules as one module (docs/money.md): what the server computes,
 * a register or web POS can compute too, with the same code. It depends on
 * decimal.js only (`npm run build:money` builds it alone into dist-money/).
 */
export * from './allocation';
export * from './cart-totals';
export * from './cash';
export * from './cost-layers';
export * from './currency';
export * from './decimal';
export * from './discounts';
export * from './exchange';
export * from './money-enums';
export * from './money-error';
export * from './payment-tender';
export * from './refund-amounts';
export * from './refunds';
export * from './rounding';
export * from './sale-totals';
export * from './session-figures';
