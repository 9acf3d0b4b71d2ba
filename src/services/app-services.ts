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
import { SecretCipher } from './core/secret-cipher';
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
import { ReturnService } from './sales/returns/return.service';
import { ExchangeCartService } from './sales/returns/exchange-cart';
import { CartEditor } from './sales/cart/cart-edit';
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
import { GatewayAccounts } from './sales/payments/gateway-accounts';
import { SquareGateway } from './sales/payments/gateways/square-gateway';
import { StripeGateway } from './sales/payments/gateways/stripe-gateway';
import { Approvals } from './security/approvals';
import { AttemptThrottle } from './security/attempt-throttle';
import { AuditLog } from './security/audit-log';
import { Revocations } from './security/revocations';
import { UserCredentialCache } from './security/user-credentials';
import { UserAdminService } from './tenancy/user-admin.service';
import type { ApiShapes } from './webhooks/api-shapes';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service';
import { CatalogueChangesService } from './catalog/catalogue-changes';
import { OfflineSaleService } from './sales/offline/offline-sale.service';
import { OfflineSyncQueries } from './sales/offline/offline-reports';
import { OneRequestCheckout } from './sales/checkout/one-request-checkout';

/**
 * The process-wide singletons services are built from. Created once at
 * start-up; request state never lives here.
 */
export function createServices(deps: {
  orm: MikroORM;
  config: AppConfig;
  log: Logger;
  events: EventBus;
  jobs: JobQueue;
  /** The API's object types, for webhook bodies (src/schema/api-shapes.ts). */
  apiShapes: ApiShapes;
}) {
  const signer = new TokenSigner(deps.config.jwtSecret);
  const secretCipher = new SecretCipher(deps.config.secretsEncryptionKey);
  const gatewayAccounts = new GatewayAccounts(deps.orm, secretCipher);
  const gateways = new GatewayRegistry([
    new SimulatorGateway(deps.orm),
    new StripeGateway(gatewayAccounts, { apiUrl: deps.config.stripeApiUrl, pollMs: deps.config.readerPollMs }),
    new SquareGateway(gatewayAccounts, { apiUrl: deps.config.squareApiUrl, pollMs: deps.config.readerPollMs }),
  ]);
  const idempotency = new IdempotencyService();
  const credentials = new UserCredentialCache(deps.config.authCacheTtlMs);
  const revocations = new Revocations(deps.events, credentials, deps.log);
  const throttle = new AttemptThrottle(deps.config.throttle, deps.config.redisUrl);
  const audit = new AuditLog();
  const approvals = new Approvals(throttle, audit);
  const auth = new AuthService(signer, credentials, throttle, audit);
  const users = new UserAdminService(auth, revocations, audit);
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
  const deviceTokens = new DeviceTokenService(auth, terminals);
  const sessions = new SessionService(terminals);
  const carts = new CartService(reservations, terminals, customers);
  const reports = new ReportingService();
  defineVoidOnTimeout(deps.jobs, gateways, deps.orm);
  const tenders = new Tenders(gateways);
  const payments = new PaymentService(tenders, idempotency);
  const saleCompletion = new SaleCompletionService(stock, idempotency, tenders);
  const saleVoids = new SaleVoidService(stock, reservations, tenders);
  const refunds = new RefundService(stock, tenders, idempotency);
  const returns = new ReturnService(stock, idempotency, terminals, approvals);
  const exchanges = new ExchangeCartService(new CartEditor(reservations), approvals);
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
    secretCipher,
    auth,
    revocations,
    throttle,
    audit,
    approvals,
    users,
    tenants,
    locations,
    products,
    customers,
    valuation,
    stock,
    reservations,
    stockQueries,
    gateways,
    gatewayAccounts,
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
    returns,
    exchanges,
    receipts,
    sales,
    hardwareCommands,
    subscriptions,
    webhooks: new WebhookEndpointService(deps.config.webhooks, secretCipher),
    catalogue,
    offlineSales,
    offlineSync,
    checkout,
  };
}

export type AppServices = ReturnType<typeof createServices>;
