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
import { ProductChange } from './product-change.entity';
import { PosSession } from './pos-session.entity';
import { PosTerminal } from './pos-terminal.entity';
import { Product } from './product.entity';
import { Sale } from './sale.entity';
import { SaleItem } from './sale-item.entity';
import { SalePayment } from './sale-payment.entity';
import { SaleRefund } from './sale-refund.entity';
import { StockLevel } from './stock-level.entity';
import { StockMovement } from './stock-movement.entity';
import { StockReservation } from './stock-reservation.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { ValuationLayer } from './valuation-layer.entity';

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
  OfflineSale,
  ProductChange,
];

export { CashMovement, DeviceToken, DocumentCounter, PosSession, PosTerminal };
export { Customer, Location, Product, StockLevel, StockMovement, StockReservation, Tenant, User, ValuationLayer };
export { IdempotencyRecord };
export { Sale, SaleItem };
export { HardwareCommand };
export { SalePayment, SaleRefund };
export { DailySalesSummary, EodReport };
export { OfflineSale, ProductChange };
