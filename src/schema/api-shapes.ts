import type { ApiShapes } from '../services/webhooks/api-shapes';
import { RefundType, SaleItemType, SalePaymentType, SaleType } from './checkout.types';
import { ProductType } from './inventory.types';
import { CashMovementObject, SessionType } from './session.types';
import { StockMovementType } from './stock.types';

/** The object types webhook bodies are serialized as (docs/webhooks.md): the same the API answers with. */
export const API_SHAPES: ApiShapes = {
  sale: SaleType,
  saleItem: SaleItemType,
  salePayment: SalePaymentType,
  refund: RefundType,
  session: SessionType,
  cashMovement: CashMovementObject,
  stockMovement: StockMovementType,
  product: ProductType,
};
