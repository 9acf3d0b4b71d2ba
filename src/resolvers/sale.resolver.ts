import Decimal from 'decimal.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TenantContext } from '../context';
import { Customer, PosSession, PosTerminal, Sale, SaleItem, SalePayment, SaleRefund, User } from '../entities';
import { amountDue } from '../money/cash';
import {
  CompleteSaleInput,
  RefundType,
  SaleConnection,
  SaleFilter,
  SaleItemType,
  SalePaymentType,
  SaleType,
  VoidSaleInput,
} from '../schema/checkout.types';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import { CustomerType } from '../schema/inventory.types';
import { DecimalScalar } from '../schema/scalars';
import { SessionType } from '../schema/session.types';
import { UserType } from '../schema/tenant.types';
import { TerminalType } from '../schema/terminal.types';
import { byIdLoader } from '../services/core/by-id-loader';

@Resolver(() => SaleType)
export class SaleResolver {
  @Authorized('pos:sale:create')
  @Mutation(() => SaleType, {
    description: 'Only when fully paid (PAYMENT_REQUIRED); assigns the sale number and moves the stock',
  })
  completeSale(@Arg('input') input: CompleteSaleInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.saleCompletion.complete(ctx, input);
  }

  @Authorized('pos:sale:void', 'pos:sale:void:with_approval')
  @Mutation(() => SaleType, {
    description:
      "A cart, or a completed sale while its session is open (else refund it); payments reversed. A cashier needs a manager's approval (APPROVAL_REQUIRED)",
  })
  voidSale(@Arg('input') input: VoidSaleInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.saleVoids.void(ctx, input);
  }

  @Authorized('pos:sale:read')
  @Query(() => SaleType, { nullable: true })
  sale(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<Sale | null> {
    return ctx.services.sales.get(ctx, id);
  }

  @Authorized('pos:sale:read')
  @Query(() => SaleType, {
    nullable: true,
    description: "The sale with that number (as printed and in the receipt's barcode); null when none",
  })
  saleByNumber(@Arg('saleNumber') saleNumber: string, @Ctx() ctx: TenantContext): Promise<Sale | null> {
    return ctx.services.sales.getByNumber(ctx, saleNumber);
  }

  @Authorized('pos:sale:read')
  @Query(() => SaleConnection, { description: 'Newest first; from/to select by completion time' })
  async sales(
    @Arg('filter', () => SaleFilter, { nullable: true }) filter: SaleFilter | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: TenantContext,
  ): Promise<ConnectionShape<Sale>> {
    return toConnection(await ctx.services.sales.list(ctx, filter ?? {}, page));
  }

  @FieldResolver(() => [SaleItemType])
  items(@Root() sale: Sale, @Ctx() ctx: TenantContext): SaleItem[] | Promise<SaleItem[]> {
    return sale.items.isInitialized() ? sale.items.getItems() : ctx.services.sales.itemsOf(ctx, sale.id);
  }

  @FieldResolver(() => DecimalScalar, { description: 'totalAmount + roundingAdjustment - paidAmount' })
  amountDue(@Root() sale: Sale): Decimal {
    return amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount);
  }

  @FieldResolver(() => [SalePaymentType], { description: 'Every attempt, FAILED ones included, oldest first' })
  payments(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<SalePayment[]> {
    return ctx.services.sales.paymentsOf(ctx, sale.id);
  }

  @FieldResolver(() => [RefundType])
  refunds(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<SaleRefund[]> {
    return ctx.services.sales.refundsOf(ctx, sale.id);
  }

  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<Customer | null> | null {
    return sale.customerId ? byIdLoader(ctx, Customer).load(sale.customerId) : null;
  }

  @FieldResolver(() => TerminalType)
  terminal(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<PosTerminal | null> {
    return byIdLoader(ctx, PosTerminal).load(sale.terminalId);
  }

  @FieldResolver(() => UserType)
  cashier(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<User | null> {
    return byIdLoader(ctx, User).load(sale.cashierId);
  }

  @FieldResolver(() => UserType, {
    nullable: true,
    description: 'Who approved the void: the manager whose PIN or token a cashier gave, or the voiding manager',
  })
  voidApprovedBy(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<User | null> | null {
    return sale.voidApprovedById ? byIdLoader(ctx, User).load(sale.voidApprovedById) : null;
  }

  @FieldResolver(() => SessionType, { nullable: true })
  session(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<PosSession | null> | null {
    return sale.sessionId ? byIdLoader(ctx, PosSession).load(sale.sessionId) : null;
  }
}
