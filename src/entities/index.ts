import { AuditEvent } from './audit-event.entity';
import { BiRole } from './bi-role.entity';
import { CashMovement } from './cash-movement.entity';
import { Customer } from './customer.entity';
import { DeviceToken } from './device-token.entity';
import { DocumentCounter } from './document-counter.entity';
import { DailySalesSummary } from './daily-sales-summary.entity';
import { EodReport } from './eod-report.entity';
import { HardwareCommand } from './hardware-command.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Location } from './location.entity';
import { OfflineSale } from './offline-sale.entity';
import { CatalogueHead, ProductChange } from './product-change.entity';
import { PosSession } from './pos-session.entity';
import { PosTerminal } from './pos-terminal.entity';
import { Product } from './product.entity';
import {
  DailyCashierSummary,
  DailyHourSummary,
  DailyPaymentSummary,
  DailyProductSummary,
  MonthlyCashierSummary,
  MonthlyHourSummary,
  MonthlyPaymentSummary,
  MonthlyProductSummary,
} from './report-summaries.entity';
import { Sale } from './sale.entity';
import { SaleItem } from './sale-item.entity';
import { PaymentGatewayAccount } from './payment-gateway-account.entity';
import { ProviderWebhookEvent } from './provider-webhook-event.entity';
import { SalePayment } from './sale-payment.entity';
import { SimulatorFollowUp, SimulatorTransaction } from './simulator-transaction.entity';
import { SaleRefund } from './sale-refund.entity';
import { StockLevel } from './stock-level.entity';
import { StockMovement } from './stock-movement.entity';
import { StockReservation } from './stock-reservation.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { ValuationLayer } from './valuation-layer.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

/** Every entity the ORM knows; new tables are added here. */
export const ENTITIES = [
  Tenant,
  User,
  Location,
  Product,
  Customer,
  StockLevel,
  StockMovement,
  StockReservation,
  ValuationLayer,
  PosTerminal,
  PosSession,
  CashMovement,
  DeviceToken,
  DocumentCounter,
  IdempotencyRecord,
  Sale,
  SaleItem,
  SalePayment,
  SaleRefund,
  HardwareCommand,
  DailySalesSummary,
  EodReport,
  AuditEvent,
  WebhookEndpoint,
  WebhookEvent,
  WebhookDelivery,
  SimulatorTransaction,
  SimulatorFollowUp,
  PaymentGatewayAccount,
  ProviderWebhookEvent,
  DailyProductSummary,
  DailyPaymentSummary,
  DailyCashierSummary,
  DailyHourSummary,
  MonthlyProductSummary,
  MonthlyPaymentSummary,
  MonthlyCashierSummary,
  MonthlyHourSummary,
  BiRole,
  OfflineSale,
  ProductChange,
  CatalogueHead,
];

export { AuditEvent, CashMovement, DeviceToken, DocumentCounter, PosSession, PosTerminal };
export { Customer, Location, Product, StockLevel, StockMovement, StockReservation, Tenant, User, ValuationLayer };
export { IdempotencyRecord };
export { Sale, SaleItem };
export { HardwareCommand };
export { SalePayment, SaleRefund };
export { WebhookDelivery, WebhookEndpoint, WebhookEvent };
export { PaymentGatewayAccount, ProviderWebhookEvent, SimulatorFollowUp, SimulatorTransaction };
export { BiRole, DailySalesSummary, EodReport };
export { CatalogueHead, OfflineSale, ProductChange };
