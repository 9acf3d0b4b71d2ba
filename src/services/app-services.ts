import { MikroORM } from '@mikro-orm/postgresql';
import { TokenSigner } from '../auth/tokens';
import { AppConfig } from '../config';
import type { Logger } from '../logger';
import { JobQueue } from '../jobs/job-queue';
import { AuthService } from './auth.service';
import { CartService } from './cart.service';
import { CustomerService } from './customer.service';
import { DeviceTokenService } from './device-token.service';
import { EventBus } from './event-bus';
import { HardwareCommandService } from './hardware-command.service';
import { IdempotencyService } from './idempotency.service';
import { LocationService } from './location.service';
import { PaymentService } from './payment.service';
import { GatewayRegistry } from './payments/gateway-registry';
import { CredentialCipher } from './payments/credential-cipher';
import { GatewayAccounts } from './payments/gateway-accounts';
import { SquareGateway } from './payments/gateways/square-gateway';
import { StripeGateway } from './payments/gateways/stripe-gateway';
import { SimulatorGateway } from './payments/simulator-gateway';
import { defineVoidOnTimeout } from './payments/void-on-timeout';
import { ProductService } from './product.service';
import { ReportingService } from './reporting/reporting.service';
import { ReceiptService } from './receipt.service';
import { RefundService } from './refund.service';
import { SaleCompletionService } from './sale-completion.service';
import { SaleQueryService } from './sale-query.service';
import { SaleVoidService } from './sale-void.service';
import { SessionService } from './session.service';
import { StockQueryService } from './stock-query.service';
import { StockService } from './stock.service';
import { Approvals } from './security/approvals';
import { AttemptThrottle } from './security/attempt-throttle';
import { AuditLog } from './security/audit-log';
import { Revocations } from './security/revocations';
import { UserCredentialCache } from './security/user-credentials';
import { SubscriptionAccess } from './subscription-access';
import { UserAdminService } from './tenancy/user-admin.service';
import { TenantService } from './tenant.service';
import { TerminalService } from './terminal.service';
import { ValuationService } from './valuation.service';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service';

/**
 * The process-wide singletons services are built from. Created once at
 * start-up; request state never lives here.
 */
export function createServices(deps: { orm: MikroORM; config: AppConfig; log: Logger; events: EventBus; jobs: JobQueue }) {
  const signer = new TokenSigner(deps.config.jwtSecret);
  const gatewayAccounts = new GatewayAccounts(deps.orm, new CredentialCipher(deps.config.gatewayEncryptionKey));
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
  const stock = new StockService(valuation, products, locations);
  const stockQueries = new StockQueryService(locations);
  const terminals = new TerminalService();
  const deviceTokens = new DeviceTokenService(auth, terminals); // sets auth.deviceTokenCheck
  const sessions = new SessionService(terminals);
  const carts = new CartService(stock, terminals, customers);
  const reports = new ReportingService();
  defineVoidOnTimeout(deps.jobs, gateways, deps.orm);
  const payments = new PaymentService(gateways, idempotency);
  const saleCompletion = new SaleCompletionService(stock, idempotency);
  const saleVoids = new SaleVoidService(stock, gateways);
  const refunds = new RefundService(stock, gateways, idempotency);
  const receipts = new ReceiptService();
  const sales = new SaleQueryService();
  const hardwareCommands = new HardwareCommandService(terminals, receipts);
  const subscriptions = new SubscriptionAccess(terminals, locations, hardwareCommands);
  return {
    ...deps,
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
    receipts,
    sales,
    hardwareCommands,
    subscriptions,
    webhooks: new WebhookEndpointService(deps.config.webhooks),
  };
}

export type AppServices = ReturnType<typeof createServices>;
