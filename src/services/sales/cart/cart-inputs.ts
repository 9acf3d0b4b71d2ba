import type Decimal from 'decimal.js';
import type { DiscountChange } from './cart-rules';
import type { ApprovalInput } from './discount-approval';

export interface Versioned {
  cartId: string;
  /** The version the client last saw; a stale one is CONFLICT. Omitted: no check. */
  version?: number | null;
}

export interface CreateCartInput {
  terminalId: string;
  /** A client-generated UUID: creating the same id again returns the same cart. */
  id?: string | null;
  customerId?: string | null;
}

export interface AddCartItemInput extends Versioned {
  productId?: string | null;
  sku?: string | null;
  barcode?: string | null;
  quantity: number;
}

export interface UpdateCartItemInput extends Versioned {
  itemId: string;
  quantity: number;
}

export interface RemoveCartItemInput extends Versioned {
  itemId: string;
}

export interface DiscountInput extends Versioned, ApprovalInput, DiscountChange {}

export interface ApplyItemDiscountInput extends DiscountInput {
  itemId: string;
}

export interface OverrideItemPriceInput extends Versioned, ApprovalInput {
  itemId: string;
  unitPrice: Decimal;
  reason: string;
}

export interface SetCartCustomerInput extends Versioned {
  customerId?: string | null;
}

export interface ResumeCartInput extends Versioned {
  terminalId: string;
}
