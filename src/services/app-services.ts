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
import { IdempotencyService } from './idempotency.service';
import { LocationService } from './location.service';
import { GatewayRegistry } from './payments/gateway-registry';
import { SimulatorGateway } from './payments/simulator-gateway';
import { ProductService } from './product.service';
import { SessionService } from './session.service';
import { StockQueryService } from './stock-query.service';
import { StockService } from './stock.service';
import { TenantService } from './tenant.service';
import { TerminalService } from './terminal.service';
import { ValuationService } from './valuation.service';

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
  const stock = new StockService(valuation, products, locations);
  const stockQueries = new StockQueryService(locations);
  const terminals = new TerminalService();
  const deviceTokens = new DeviceTokenService(auth, terminals); // sets auth.deviceTokenCheck
  const sessions = new SessionService(terminals);
  const carts = new CartService(stock, terminals, customers);
  return {
    ...deps,
    auth,
    tenants,
    locations,
    products,
    customers,
    valuation,
    stock,
    stockQueries,
    gateways,
    idempotency,
    terminals,
    deviceTokens,
    sessions,
    carts,
  };
}

export type AppServices = ReturnType<typeof createServices>;
