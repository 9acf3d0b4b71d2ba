import Decimal from 'decimal.js';
import { TenantContext } from '../../../context';
import type { SaleItem } from '../../../entities/sale-item.entity';
import type { Sale } from '../../../entities/sale.entity';
import { SaleStatus } from '../../../entities/sale-enums';
import { amountDue } from '../../../money/cash';
import { formatDecimal } from '../../../money/decimal';
import { afterCommit } from '../../core/transaction';

/** What happened to the cart (the customer display animates on it). */
export type CartEvent =
  | 'CREATED'
  | 'ITEM_ADDED'
  | 'ITEM_UPDATED'
  | 'ITEM_REMOVED'
  | 'DISCOUNT_APPLIED'
  | 'CUSTOMER_SET'
  | 'PARKED'
  | 'RESUMED'
  | 'CLEARED'
  | 'EXPIRED'
  | 'PAYMENT_ADDED'
  | 'COMPLETED'
  | 'VOIDED'
  /** Not a change: the cart as it stands, re-sent after the pub/sub reconnected (events may have been lost). */
  | 'RESYNC';

export const CART_EVENTS: readonly CartEvent[] = [
  'CREATED',
  'ITEM_ADDED',
  'ITEM_UPDATED',
  'ITEM_REMOVED',
  'DISCOUNT_APPLIED',
  'CUSTOMER_SET',
  'PARKED',
  'RESUMED',
  'CLEARED',
  'EXPIRED',
  'PAYMENT_ADDED',
  'COMPLETED',
  'VOIDED',
  'RESYNC',
];

/** docs/api.md `CustomerDisplay`: plain JSON (money as strings) so it crosses Redis unchanged. */
export interface CustomerDisplay {
  terminalId: string;
  cartId: string;
  event: CartEvent;
  status: SaleStatus;
  version: number;
  /** `amount` is quantity x unitPrice - discountAmount: the basis of unitPrice and subtotal (tax in it or not). */
  items: Array<{
    name: string;
    quantity: number;
    unitPrice: string;
    discountAmount: string;
    amount: string;
    lineTotal: string;
  }>;
  subtotal: string;
  discountAmount: string;
  taxAmount: string;
  totalAmount: string;
  paidAmount: string;
  amountDue: string;
  changeDue: string;
  /** Cash rounding of the total (totalAmount + roundingAdjustment is what cash pays); 0 when none. */
  roundingAdjustment: string;
  currency: string;
  storeName: string;
  pricesIncludeTax: boolean;
  /** When the change committed (server clock, ISO 8601 with milliseconds); stamped as it is published. */
  committedAt: string;
}

/** The pub/sub topic of one terminal's cart events; the tenant is part of it so tenants never share a topic. */
export function cartTopic(tenantId: string, terminalId: string): string {
  return `cart:${tenantId}:${terminalId}`;
}

const money = (value: Decimal) => formatDecimal(value);

/** The tenant facts a display shows beside the cart. */
export interface DisplayStore {
  currency: string;
  name: string;
  pricesIncludeTax: boolean;
}

/** The display payload of a sale as it stands (pure); `committedAt` is added when it is published. */
export function toCustomerDisplay(
  sale: Sale,
  items: readonly SaleItem[],
  store: DisplayStore,
  event: CartEvent,
): Omit<CustomerDisplay, 'committedAt'> {
  return {
    terminalId: sale.terminalId,
    cartId: sale.id,
    event,
    status: sale.status,
    version: sale.version,
    items: [...items]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((item) => ({
        name: item.productName,
        quantity: item.quantity,
        unitPrice: money(item.unitPrice),
        discountAmount: money(item.discountAmount),
        amount: money(item.unitPrice.times(item.quantity).minus(item.discountAmount)),
        lineTotal: money(item.lineTotal),
      })),
    subtotal: money(sale.subtotal),
    discountAmount: money(sale.discountAmount),
    taxAmount: money(sale.taxAmount),
    totalAmount: money(sale.totalAmount),
    paidAmount: money(sale.paidAmount),
    amountDue: money(amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount)),
    changeDue: money(sale.changeAmount),
    roundingAdjustment: money(sale.roundingAdjustment),
    currency: store.currency,
    storeName: store.name,
    pricesIncludeTax: store.pricesIncludeTax,
  };
}

/**
 * Publishes the cart's display payload on its terminal's topic once the
 * surrounding transaction commits (nothing on rollback). The payload is built
 * now, from the state this transaction wrote; the commit time is stamped
 * after the commit.
 */
export async function publishCartChanged(
  ctx: TenantContext,
  sale: Sale,
  items: readonly SaleItem[],
  store: DisplayStore,
  event: CartEvent,
): Promise<void> {
  const payload = toCustomerDisplay(sale, items, store, event);
  const topic = cartTopic(ctx.tenantId, sale.terminalId);
  await afterCommit(ctx, () => {
    const committed: CustomerDisplay = { ...payload, committedAt: new Date().toISOString() };
    return ctx.services.events.publish(topic, committed);
  });
}
