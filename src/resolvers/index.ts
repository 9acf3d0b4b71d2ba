import type { NonEmptyArray } from 'type-graphql';
import { ApprovalPolicyResolver } from './approval-policy.resolver';
import { AuthResolver } from './auth.resolver';
import { CartResolver } from './cart.resolver';
import { CatalogueResolver } from './catalogue.resolver';
import { CheckoutResolver } from './checkout.resolver';
import { OfflineResolver } from './offline.resolver';
import { CustomerResolver } from './customer.resolver';
import { DeviceTokenResolver } from './device-token.resolver';
import { HardwareCommandResolver } from './hardware-command.resolver';
import { LocationResolver } from './location.resolver';
import { ProductResolver } from './product.resolver';
import { ReportResolver } from './report.resolver';
import { CashMovementResolver, SessionResolver } from './session.resolver';
import { PaymentResolver } from './payment.resolver';
import { PaymentGatewayResolver } from './payment-gateway.resolver';
import { ReceiptResolver } from './receipt.resolver';
import { RefundResolver } from './refund.resolver';
import { ReturnResolver } from './return.resolver';
import { SaleResolver } from './sale.resolver';
import { StockResolver } from './stock.resolver';
import { SubscriptionResolver } from './subscription.resolver';
import { TenantResolver } from './tenant.resolver';
import { TerminalResolver } from './terminal.resolver';
import { UserAdminResolver } from './user-admin.resolver';
import { WebhookResolver } from './webhook.resolver';

/** Every resolver class in the schema; new modules add theirs here. */
export const RESOLVERS: NonEmptyArray<new (...args: never[]) => object> = [
  AuthResolver,
  UserAdminResolver,
  ApprovalPolicyResolver,
  TenantResolver,
  PaymentGatewayResolver,
  LocationResolver,
  ProductResolver,
  CustomerResolver,
  StockResolver,
  TerminalResolver,
  DeviceTokenResolver,
  SessionResolver,
  CashMovementResolver,
  CartResolver,
  SaleResolver,
  PaymentResolver,
  RefundResolver,
  ReturnResolver,
  ReceiptResolver,
  SubscriptionResolver,
  HardwareCommandResolver,
  ReportResolver,
  WebhookResolver,
  OfflineResolver,
  CatalogueResolver,
  CheckoutResolver,
];
