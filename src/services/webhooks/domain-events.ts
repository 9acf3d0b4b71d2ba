import { TenantContext } from '../../context';
import type {
  CashMovement,
  PosSession,
  Product,
  Sale,
  SalePayment,
  SaleRefund,
  StockMovement,
  Tenant,
} from '../../entities';
import { apiObject } from './api-object';
import { emitWebhookEvent } from './emit-event';

/**
 * The one call each service makes when something webhook-worthy happens,
 * inside its transaction (docs/webhooks.md, Event catalogue). Each body is the
 * object as the API shows it, plus the ids of the relations a receiver needs.
 */

/** sale.completed / sale.voided: the sale with its lines and payments. `tenant`: the row checkout already loaded. */
export function emitSaleEvent(
  tx: TenantContext,
  type: 'sale.completed' | 'sale.voided',
  sale: Sale,
  payments: readonly SalePayment[],
  tenant?: Tenant,
): Promise<void> {
  return emitWebhookEvent(
    tx,
    type,
    () => ({
      ...apiObject(tx.services.apiShapes.sale, sale),
      ...saleRelations(sale),
      items: sale.items.getItems().map((item) => apiObject(tx.services.apiShapes.saleItem, item)),
      payments: payments.map((payment) => apiObject(tx.services.apiShapes.salePayment, payment)),
    }),
    tenant,
  );
}

function saleRelations(sale: Sale) {
  const { terminalId, locationId, sessionId, cashierId, customerId } = sale;
  return { terminalId, locationId, sessionId, cashierId, customerId: customerId ?? null };
}

export function emitRefundCreated(tx: TenantContext, refund: SaleRefund): Promise<void> {
  return emitWebhookEvent(tx, 'refund.created', () => ({
    ...apiObject(tx.services.apiShapes.refund, refund),
    saleId: refund.saleId,
    sessionId: refund.sessionId ?? null,
  }));
}

export function emitSessionEvent(
  tx: TenantContext,
  type: 'session.opened' | 'session.closed',
  session: PosSession,
): Promise<void> {
  return emitWebhookEvent(tx, type, () => ({
    ...apiObject(tx.services.apiShapes.session, session),
    terminalId: session.terminal.id,
  }));
}

export function emitCashMovement(tx: TenantContext, movement: CashMovement): Promise<void> {
  return emitWebhookEvent(tx, 'cash_movement.recorded', () => ({
    ...apiObject(tx.services.apiShapes.cashMovement, movement),
    sessionId: movement.session.id,
  }));
}

export function emitStockAdjusted(tx: TenantContext, movement: StockMovement): Promise<void> {
  return emitWebhookEvent(tx, 'stock.adjusted', () => apiObject(tx.services.apiShapes.stockMovement, movement));
}

export function emitProductUpdated(tx: TenantContext, product: Product): Promise<void> {
  return emitWebhookEvent(tx, 'product.updated', () => apiObject(tx.services.apiShapes.product, product));
}
