import Decimal from 'decimal.js';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TenantContext } from '../context';
import { Customer, PosTerminal, Sale, SaleItem } from '../entities';
import { amountDue } from '../money/cash';
import {
  AddCartItemInput,
  ApplyCartDiscountInput,
  ApplyItemDiscountInput,
  CartItemType,
  CartType,
  ClearCartInput,
  CreateCartInput,
  OverrideItemPriceInput,
  ParkCartInput,
  RemoveCartItemInput,
  ResumeCartInput,
  SetCartCustomerInput,
  UpdateCartItemInput,
} from '../schema/cart.types';
import { CustomerType } from '../schema/inventory.types';
import { DecimalScalar } from '../schema/scalars';
import { TerminalType } from '../schema/terminal.types';
import { byIdLoader } from '../services/core/by-id-loader';

@Resolver(() => CartType)
export class CartResolver {
  @Authorized('pos:sale:create')
  @Mutation(() => CartType, { description: 'Needs an OPEN session on the (active) terminal' })
  createCart(@Arg('input') input: CreateCartInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.create(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => CartType, { description: 'Reserves the units; INSUFFICIENT_STOCK when they are not available' })
  addCartItem(@Arg('input') input: AddCartItemInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.addItem(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => CartType)
  updateCartItem(@Arg('input') input: UpdateCartItemInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.updateItem(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => CartType)
  removeCartItem(@Arg('input') input: RemoveCartItemInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.removeItem(ctx, input);
  }

  @Authorized('pos:sale:discount')
  @Mutation(() => CartType, {
    description: 'Above the tenant threshold: DISCOUNT_APPROVAL_REQUIRED unless a manager approves',
  })
  applyItemDiscount(@Arg('input') input: ApplyItemDiscountInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.applyItemDiscount(ctx, input);
  }

  @Authorized('pos:sale:price_override')
  @Mutation(() => CartType, {
    description:
      "Sets a line's unit price with a reason; a cashier needs a manager's approval (APPROVAL_REQUIRED) unless within approvalPolicy.priceOverrideThreshold",
  })
  overrideItemPrice(@Arg('input') input: OverrideItemPriceInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.overrideItemPrice(ctx, input);
  }

  @Authorized('pos:sale:discount')
  @Mutation(() => CartType, { description: 'Allocated over the lines; approval as applyItemDiscount' })
  applyCartDiscount(@Arg('input') input: ApplyCartDiscountInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.applyCartDiscount(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => CartType)
  setCartCustomer(@Arg('input') input: SetCartCustomerInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.setCustomer(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => CartType, { description: 'Off the register, reservations kept' })
  parkCart(@Arg('input') input: ParkCartInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.park(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => CartType, { description: 'On any terminal of the same location with an open session' })
  resumeCart(@Arg('input') input: ResumeCartInput, @Ctx() ctx: TenantContext): Promise<Sale> {
    return ctx.services.carts.resume(ctx, input);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => Boolean, {
    description: 'Abandons the cart and frees its stock; a cart with payments must be voided',
  })
  clearCart(@Arg('input') input: ClearCartInput, @Ctx() ctx: TenantContext): Promise<boolean> {
    return ctx.services.carts.clear(ctx, input);
  }

  @Authorized('pos:sale:read')
  @Query(() => CartType, { nullable: true })
  cart(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<Sale | null> {
    return ctx.services.carts.get(ctx, id);
  }

  @Authorized('pos:sale:read')
  @Query(() => [CartType], { description: 'Oldest first' })
  parkedCarts(
    @Arg('terminalId', () => ID, { nullable: true }) terminalId: string | null,
    @Arg('locationId', () => ID, { nullable: true }) locationId: string | null,
    @Ctx() ctx: TenantContext,
  ): Promise<Sale[]> {
    return ctx.services.carts.parked(ctx, { terminalId, locationId });
  }

  /** The services always return carts with their lines loaded. */
  @FieldResolver(() => [CartItemType])
  items(@Root() sale: Sale): SaleItem[] {
    return sale.items.getItems();
  }

  @FieldResolver(() => DecimalScalar, { description: 'totalAmount + roundingAdjustment - paidAmount' })
  amountDue(@Root() sale: Sale): Decimal {
    return amountDue(sale.totalAmount, sale.roundingAdjustment, sale.paidAmount, sale.returnAmount);
  }

  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<Customer | null> | null {
    return sale.customerId ? byIdLoader(ctx, Customer).load(sale.customerId) : null;
  }

  @FieldResolver(() => TerminalType)
  terminal(@Root() sale: Sale, @Ctx() ctx: TenantContext): Promise<PosTerminal | null> {
    return byIdLoader(ctx, PosTerminal).load(sale.terminalId);
  }
}
