import Decimal from 'decimal.js';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DiscountType, SaleStatus } from '../entities/sale-enums';
import { CART_EVENTS, CartEvent } from '../services/sales/cart/cart-events';
import { MAX_LINE_QUANTITY } from '../services/sales/cart/cart-rules';
import { DecimalScalar, JSONScalar } from './scalars';
import { withApprovalFields } from './approval-policy.types';
import { IsDecimalInRange } from './validators';

registerEnumType(SaleStatus, { name: 'SaleStatus', description: 'A cart is DRAFT, PENDING or PARTIALLY_PAID' });
registerEnumType(DiscountType, { name: 'DiscountType' });

/** The event kinds as a GraphQL enum (values spelled like the strings the payload carries). */
export const CartEventKind = Object.fromEntries(CART_EVENTS.map((e) => [e, e])) as { [K in CartEvent]: K };
registerEnumType(CartEventKind, { name: 'CartEvent', description: 'What changed a cart (CustomerDisplay.event)' });

const MAX_INT = 2_147_483_647;
/** As a product's price (CreateProductInput). */
const MAX_UNIT_PRICE = 1_000_000_000;

@ObjectType('CartItem')
export class CartItemType {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field({ description: 'Snapshot when added' }) productName!: string;
  @Field({ description: 'Snapshot when added' }) productSku!: string;
  @Field(() => JSONScalar, { nullable: true, description: 'Snapshot when added' }) attributes?: Record<
    string,
    unknown
  > | null;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar, { description: 'Snapshot when added, unless overridden (overrideItemPrice)' })
  unitPrice!: Decimal;
  @Field(() => String, { nullable: true, description: 'Why the unit price was overridden; null: not overridden' })
  priceOverrideReason?: string | null;
  @Field(() => ID, { nullable: true, description: 'The manager who approved the override, when one was needed' })
  priceOverrideApprovedById?: string | null;
  @Field(() => DiscountType, { nullable: true }) discountType?: DiscountType | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Percent or amount as entered' })
  discountValue?: Decimal | null;
  @Field(() => String, { nullable: true }) discountReason?: string | null;
  @Field(() => DecimalScalar, { description: "Item discount plus the line's share of the cart discount" })
  discountAmount!: Decimal;
  @Field(() => DecimalScalar, { description: 'A fraction: 0.0825 is 8.25 %' }) taxRate!: Decimal;
  @Field(() => DecimalScalar) taxAmount!: Decimal;
  @Field(() => DecimalScalar) lineTotal!: Decimal;
}

@ObjectType('CartReturnItem')
export class CartReturnItemType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The sale line it came from; null without a receipt' })
  saleItemId?: string | null;
  @Field(() => ID) productId!: string;
  @Field() productName!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar, { description: 'Money back, tax included' }) amount!: string;
  @Field(() => DecimalScalar, { description: 'The tax part of amount' }) taxAmount!: string;
  @Field(() => DecimalScalar) unitPrice!: string;
  @Field() returnToStock!: boolean;
  @Field() reason!: string;
}

@ObjectType('Cart', { description: 'A sale still being rung up (DRAFT, PENDING or PARTIALLY_PAID)' })
export class CartType {
  @Field(() => ID) id!: string;
  @Field(() => SaleStatus) status!: SaleStatus;
  @Field(() => Int, {
    description: 'Send it back with a mutation to be told (CONFLICT) when someone else changed the cart',
  })
  version!: number;
  @Field(() => DecimalScalar, { description: 'Sum of the lines before discounts and tax' }) subtotal!: Decimal;
  @Field(() => DecimalScalar, { description: 'Item discounts plus the cart discount' }) discountAmount!: Decimal;
  @Field(() => DecimalScalar) taxAmount!: Decimal;
  @Field(() => DecimalScalar) totalAmount!: Decimal;
  @Field(() => DecimalScalar) paidAmount!: Decimal;
  @Field(() => DecimalScalar) changeAmount!: Decimal;
  @Field(() => DecimalScalar) roundingAdjustment!: Decimal;
  @Field(() => [CartReturnItemType], {
    name: 'returnItems',
    description: 'An exchange: goods coming back (posted as a refund at completion)',
  })
  returnLines!: CartReturnItemType[];
  @Field(() => DecimalScalar, {
    description: 'What the returned goods still on the cart give back; amountDue = total - this (0 once completed)',
  })
  returnAmount!: Decimal;
  @Field(() => DiscountType, { nullable: true, description: 'The cart discount' }) discountType?: DiscountType | null;
  @Field(() => DecimalScalar, { nullable: true }) discountValue?: Decimal | null;
  @Field(() => String, { nullable: true }) discountReason?: string | null;
  @Field(() => Date, { nullable: true, description: 'Set while parked' }) parkedAt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'When an untouched cart is abandoned and its stock freed' })
  expiresAt?: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType('CustomerDisplayItem')
export class CustomerDisplayItem {
  @Field() name!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar) unitPrice!: string;
  @Field(() => DecimalScalar) discountAmount!: string;
  @Field(() => DecimalScalar, {
    description: 'quantity x unitPrice - discountAmount: same tax basis as unitPrice and subtotal',
  })
  amount!: string;
  @Field(() => DecimalScalar, { description: 'With tax (equals amount when prices include tax)' }) lineTotal!: string;
}

@ObjectType('CustomerDisplay', { description: "What a terminal's customer display shows (cartUpdated)" })
export class CustomerDisplayType {
  @Field(() => ID) terminalId!: string;
  @Field(() => ID) cartId!: string;
  @Field(() => CartEventKind) event!: CartEvent;
  @Field(() => SaleStatus) status!: SaleStatus;
  @Field(() => Int) version!: number;
  @Field(() => [CustomerDisplayItem]) items!: CustomerDisplayItem[];
  @Field(() => DecimalScalar) subtotal!: string;
  @Field(() => DecimalScalar) discountAmount!: string;
  @Field(() => DecimalScalar) taxAmount!: string;
  @Field(() => DecimalScalar) totalAmount!: string;
  @Field(() => DecimalScalar) paidAmount!: string;
  @Field(() => DecimalScalar) amountDue!: string;
  @Field(() => DecimalScalar) changeDue!: string;
  @Field(() => DecimalScalar, { description: 'Cash rounding: a cash payer pays totalAmount + roundingAdjustment' })
  roundingAdjustment!: string;
  @Field() currency!: string;
  @Field({ description: "The store's (tenant's) name" }) storeName!: string;
  @Field({
    description: 'Whether unitPrice, amount and subtotal include tax (then taxAmount is contained in the total)',
  })
  pricesIncludeTax!: boolean;
  @Field(() => Date, { description: 'When the change was committed (server clock, millisecond precision)' })
  committedAt!: string;
}

/** Fields every cart mutation input has. */
@InputType('CartVersionFields')
class VersionedCartInput {
  @Field(() => ID) @IsUUID() cartId!: string;
  @Field(() => Int, { nullable: true, description: 'The version last seen; stale: CONFLICT' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  version?: number;
}

@InputType()
export class CreateCartInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
  @Field(() => ID, { nullable: true, description: 'A client-generated UUID: creating it again returns the same cart' })
  @IsOptional()
  @IsUUID()
  id?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() customerId?: string;
}

@InputType({ description: 'Exactly one of productId, sku or barcode' })
export class AddCartItemInput extends VersionedCartInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) productId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) sku?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) barcode?: string;
  @Field(() => Int, {
    description: `1 to ${MAX_LINE_QUANTITY}; added to the line when the product is already on the cart`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

@InputType({ description: 'A returned line on an exchange: saleItemId (with the receipt) or exactly one product key' })
export class AddReturnItemInput extends withApprovalFields(VersionedCartInput) {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() saleItemId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) productId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) sku?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) barcode?: string;
  @Field(() => Int, { description: '1 to 1000' }) @IsInt() @Min(1) @Max(1000) quantity!: number;
  @Field() @IsBoolean() returnToStock!: boolean;
  @Field() @Length(1, 500) reason!: string;
}

@InputType()
export class UpdateCartItemInput extends VersionedCartInput {
  @Field(() => ID) @IsUUID() itemId!: string;
  @Field(() => Int, { description: `1 to ${MAX_LINE_QUANTITY} (removeCartItem removes)` })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

@InputType()
export class RemoveCartItemInput extends VersionedCartInput {
  @Field(() => ID) @IsUUID() itemId!: string;
}

@InputType('CartDiscountFields')
class DiscountFields extends withApprovalFields(VersionedCartInput) {
  @Field(() => DiscountType) @IsEnum(DiscountType) type!: DiscountType;
  @Field(() => DecimalScalar, { description: 'Percent (10 = 10 %) or amount; 0 removes the discount' })
  @IsDecimalInRange(0, null)
  value!: Decimal;
  @Field({ nullable: true, description: 'Required unless value is 0' }) @IsOptional() @Length(1, 255) reason?: string;
}

@InputType()
export class OverrideItemPriceInput extends withApprovalFields(VersionedCartInput) {
  @Field(() => ID) @IsUUID() itemId!: string;
  @Field(() => DecimalScalar, { description: 'The new unit price, 0 to 1,000,000,000 (up to four decimals)' })
  @IsDecimalInRange(0, MAX_UNIT_PRICE)
  unitPrice!: Decimal;
  @Field({ description: 'Why (price match, damaged item, ...); 1 to 255 characters' }) @Length(1, 255) reason!: string;
}

@InputType()
export class ApplyItemDiscountInput extends DiscountFields {
  @Field(() => ID) @IsUUID() itemId!: string;
}

@InputType()
export class ApplyCartDiscountInput extends DiscountFields {}

@InputType()
export class SetCartCustomerInput extends VersionedCartInput {
  @Field(() => ID, { nullable: true, description: 'null removes the customer' }) @IsOptional() @IsUUID() customerId?:
    string | null;
}

@InputType()
export class ParkCartInput extends VersionedCartInput {}

@InputType()
export class ClearCartInput extends VersionedCartInput {}

@InputType()
export class ResumeCartInput extends VersionedCartInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
}
