import Decimal from 'decimal.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
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
import { PaymentMethod } from '../entities/sale-enums';
import { ApprovalFields } from './approval-policy.types';
import { DecimalScalar } from './scalars';
import { IsDecimalInRange } from './validators';

export const MAX_RETURN_LINES = 100;
export const MAX_RETURN_UNITS = 1000;
const MAX_PRICE = 99_999_999_999;

@InputType({ description: 'One product coming back without a receipt: exactly one of productId, sku or barcode' })
export class ReturnItemInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) productId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) sku?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) barcode?: string;
  @Field(() => Int, { description: `1 to ${MAX_RETURN_UNITS}` })
  @IsInt()
  @Min(1)
  @Max(MAX_RETURN_UNITS)
  quantity!: number;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Default the product's current price; another price needs a manager's approval",
  })
  @IsOptional()
  @IsDecimalInRange(0, MAX_PRICE)
  unitPrice?: Decimal;
  @Field({ description: 'true: the units go back on the shelf of the terminal’s location' })
  @IsBoolean()
  returnToStock!: boolean;
  @Field() @Length(1, 500) reason!: string;
}

@InputType({ description: 'A return without a receipt: money back for goods no sale is known for' })
export class CreateReturnInput extends ApprovalFields {
  @Field(() => ID, { description: 'The register taking the goods back (its location is restocked)' })
  @IsUUID()
  terminalId!: string;
  @Field(() => [ReturnItemInput], { description: `1 to ${MAX_RETURN_LINES} items` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_RETURN_LINES)
  @ValidateNested({ each: true })
  items!: ReturnItemInput[];
  @Field(() => PaymentMethod, { description: 'CASH (the open session of the terminal), CREDIT or BANK_TRANSFER' })
  @IsEnum(PaymentMethod)
  method!: PaymentMethod;
  @Field() @Length(1, 500) reason!: string;
  @Field(() => ID, { nullable: true, description: 'Required for CREDIT: whose store credit grows' })
  @IsOptional()
  @IsUUID()
  customerId?: string;
  @Field({ description: 'A retry with the same key and input returns the first refund' })
  @Length(1, 100)
  idempotencyKey!: string;
}
