export { CostingMethod, RoundingMode } from '../money/money-enums';

export enum Role {
  OWNER = 'OWNER',
  MANAGER = 'MANAGER',
  CASHIER = 'CASHIER',
}
