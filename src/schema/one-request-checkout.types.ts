import Decimal from 'decimal.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DiscountType, PaymentMethod } from '../entities/sale-enums';
import { DecimalScalar } from './scalars';
import { IsDecimalInRange } from './validators';
import { ApprovalFields } from './approval-policy.types';

// The cart's bounds (200 lines, 9999 units a line) and at most 10 tenders.
const MAX_AMOUNT = 99_999_999_999;

@InputType()
export class CheckoutDiscountInput extends ApprovalFields {
  @Field(() => DiscountType) @IsEnum(DiscountType) type!: DiscountType;
  @Field(() => DecimalScalar) @IsDecimalInRange(0, null) value!: Decimal;
  @Field({ nullable: true }) @IsOptional() @Length(1, 255) reason?: string;
}

@InputType({ description: 'Exactly one of productId, sku or barcode' })
export class CheckoutItemInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) productId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) sku?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) barcode?: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(9999) quantity!: number;
  @Field(() => CheckoutDiscountInput, { nullable: true, description: 'A discount on this line (applyItemDiscount)' })
  @IsOptional()
  @ValidateNested()
  discount?: CheckoutDiscountInput;
}

@InputType()
export class CheckoutPaymentInput {
  @Field(() => PaymentMethod) @IsEnum(PaymentMethod) method!: PaymentMethod;
  @Field(() => DecimalScalar, { nullable: true, description: 'Default: all that is due' })
  @IsOptional()
  @IsDecimalInRange(0, MAX_AMOUNT, { minExclusive: true })
  amount?: Decimal;
  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @IsDecimalInRange(0, MAX_AMOUNT)
  receivedAmount?: Decimal;
  @Field({ nullable: true }) @IsOptional() @Length(1, 255) reference?: string;
}

@InputType()
export class CheckoutInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
  @Field(() => ID, { nullable: true, description: "The register's id for the sale (a UUID)" })
  @IsOptional()
  @IsUUID()
  clientId?: string;
  @Field(() => [CheckoutItemInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items!: CheckoutItemInput[];
  @Field(() => CheckoutDiscountInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  cartDiscount?: CheckoutDiscountInput;
  @Field(() => [CheckoutPaymentInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  payments!: CheckoutPaymentInput[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() customerId?: string;
  @Field({ description: 'A retry with the same key and input returns the first sale' })
  @Length(1, 100)
  idempotencyKey!: string;
}
