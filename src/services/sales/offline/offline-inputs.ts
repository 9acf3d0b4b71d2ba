import Decimal from 'decimal.js';
import type { DiscountType, PaymentMethod } from '../../../entities/sale-enums';

/* What a register sends for the sales it made offline (docs/offline.md). */

export interface OfflineDiscount {
  type: DiscountType;
  value: Decimal;
  reason?: string | null;
}

export interface OfflineLine {
  productId: string;
  quantity: number;
  /** The price the register charged. */
  unitPrice: Decimal;
  discount?: OfflineDiscount | null;
}

export interface OfflinePayment {
  method: PaymentMethod;
  amount: Decimal;
  receivedAmount?: Decimal | null;
  /** Card / wallet: the reader's approval reference; bank transfer: its reference. */
  reference?: string | null;
}

export interface OfflineSaleData {
  clientId: string;
  saleNumber: number;
  sessionId: string;
  cashierId: string;
  customerId?: string | null;
  createdAt: Date;
  completedAt: Date;
  items: OfflineLine[];
  cartDiscount?: OfflineDiscount | null;
  payments: OfflinePayment[];
  totalAmount: Decimal;
}

export interface SubmitOfflineSales {
  terminalId: string;
  sales: OfflineSaleData[];
}
