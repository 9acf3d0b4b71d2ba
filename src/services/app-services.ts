import { MikroORM } from '@mikro-orm/postgresql';
import { TokenSigner } from '../auth/tokens';
import { AppConfig } from '../config';
import type { Logger } from '../logger';
import { JobQueue } from '../jobs/job-queue';
import { AuthService } from './tenancy/auth.service';
import { CartService } from './sales/cart/cart.service';
import { CustomerService } from './catalog/customer.service';
import { DeviceTokenService } from './tenancy/device-token.service';
import { EventBus } from './realtime/event-bus';
import { HardwareCommandService } from './hardware/hardware-command.service';
import { IdempotencyService } from './core/idempotency.service';
import { LocationService } from './catalog/location.service';
import { PaymentService } from './sales/payments/payment.service';
import { GatewayRegistry } from './sales/payments/gateway-registry';
import { Tenders } from './sales/payments/tenders';
import { SimulatorGateway } from './sales/payments/simulator-gateway';
import { defineVoidOnTimeout } from './sales/payments/void-on-timeout';
import { ProductService } from './catalog/product.service';
import { ReportingService } from './reporting/reporting.service';
import { ReceiptService } from './sales/receipts/receipt.service';
import { RefundService } from './sales/reversals/refund.service';
import { SaleCompletionService } from './sales/checkout/sale-completion.service';
import { SaleQueryService } from './sales/checkout/sale-query.service';
import { SaleVoidService } from './sales/reversals/sale-void.service';
import { SessionService } from './sessions/session.service';
import { StockQueryService } from './inventory/stock-query.service';
import { ReservationService } from './inventory/reservations.service';
import { StockLedgerService } from './inventory/stock-ledger.service';
import { StockLevels } from './inventory/stock-levels';
import { SubscriptionAccess } from './realtime/subscription-access';
import { TenantService } from './tenancy/tenant.service';
import { TerminalService } from './sessions/terminal.service';
import { ValuationService } from './inventory/valuation.service';
import { CatalogueChangesService } from './catalog/catalogue-changes';
import { OfflineSaleService } from './sales/offline/offline-sale.service';
import { OfflineSyncQueries } from './sales/offline/offline-reports';
import { OneRequestCheckout } from './sales/checkout/one-request-checkout';

/**
 * The process-wide singletons services are built from. Created once at
 * start-up; request state never lives here.
 */
export function createServices(deps: { orm: MikroORM; config: AppConfig; log: Logger; events: EventBus; jobs: JobQueue }) {
  const signer = new TokenSigner(deps.config.jwtSecret);
  const gateways = new GatewayRegistry([new SimulatorGateway()]);
  const idempotency = new IdempotencyService();
  const auth = new AuthService(signer);
  const tenants = new TenantService(auth);
  const locations = new LocationService();
  const products = new ProductService();
  const customers = new CustomerService();
  const valuation = new ValuationService();
  const levels = new StockLevels(products, locations);
  const stock = new StockLedgerService(levels, valuation, products, locations);
  const reservations = new ReservationService(levels);
  const stockQueries = new StockQueryService(locations);
  const terminals = new TerminalService();
  const deviceTokens = new DeviceTokenService(auth, terminals); // sets auth.deviceTokenCheck
  const sessions = new SessionService(terminals);
  const carts = new CartService(reservations, terminals, customers);
  const reports = new ReportingService();
  defineVoidOnTimeout(deps.jobs, gateways, deps.orm);
  const tenders = new Tenders(gateways);
  const payments = new PaymentService(tenders, idempotency);
  const saleCompletion = new SaleCompletionService(stock, idempotency);
  const saleVoids = new SaleVoidService(stock, reservations, tenders);
  const refunds = new RefundService(stock, tenders, idempotency);
  const receipts = new ReceiptService();
  const sales = new SaleQueryService();
  const hardwareCommands = new HardwareCommandService(terminals, receipts);
  const subscriptions = new SubscriptionAccess(terminals, locations, hardwareCommands);
  const catalogue = new CatalogueChangesService();
  const offlineSales = new OfflineSaleService(stock, idempotency, terminals, products, customers);
  const offlineSync = new OfflineSyncQueries(terminals, catalogue);
  const checkout = new OneRequestCheckout(idempotency, carts, payments, saleCompletion);
  return {
    ...deps,
    auth,
    tenants,
    locations,
    products,
    customers,
    valuation,
    stock,
    reservations,
    stockQueries,
    gateways,
    idempotency,
    terminals,
    deviceTokens,
    sessions,
    carts,
    reports,
    payments,
    saleCompletion,
    saleVoids,
    refunds,
    receipts,
    sales,
    hardwareCommands,
    subscriptions,
    catalogue,
    offlineSales,
    offlineSync,
    checkout,
  };
}

export type AppServices = ReturnType<typeof createServices>;
