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
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DiscountType, PaymentMethod } from '../entities/sale-enums';
import { DecimalScalar } from './scalars';
import { IsDecimalInRange } from './validators';

// Bounds (docs/offline.md): the same as a cart's (200 lines, 9999 units a line); 100 sales a batch.
export const MAX_OFFLINE_BATCH = 100;
const MAX_LINES = 200;
const MAX_UNITS = 9999;
const MAX_PAYMENTS = 10;
const MAX_AMOUNT = 99_999_999_999;

export enum OfflineSaleStatus {
  ACCEPTED = 'ACCEPTED',
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}
registerEnumType(OfflineSaleStatus, {
  name: 'OfflineSaleStatus',
  description: 'ACCEPTED: recorded now; DUPLICATE: recorded before (the first result); REJECTED: nothing written',
});

@InputType()
export class OfflineDiscountInput {
  @Field(() => DiscountType) @IsEnum(DiscountType) type!: DiscountType;
  @Field(() => DecimalScalar, { description: 'Percent (10 = 10 %) or amount' })
  @IsDecimalInRange(0, MAX_AMOUNT)
  value!: Decimal;
  @Field({ nullable: true }) @IsOptional() @Length(1, 255) reason?: string;
}

@InputType()
export class OfflineSaleItemInput {
  @Field(() => ID) @IsUUID() productId!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(MAX_UNITS) quantity!: number;
  @Field(() => DecimalScalar, { description: 'The price the register charged' })
  @IsDecimalInRange(0, MAX_AMOUNT)
  unitPrice!: Decimal;
  @Field(() => OfflineDiscountInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  discount?: OfflineDiscountInput;
}

@InputType()
export class OfflinePaymentInput {
  @Field(() => PaymentMethod) @IsEnum(PaymentMethod) method!: PaymentMethod;
  @Field(() => DecimalScalar, { description: 'Applied to the sale (cash: not what was handed over)' })
  @IsDecimalInRange(0, MAX_AMOUNT, { minExclusive: true })
  amount!: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: 'CASH: what was handed over (>= amount)' })
  @IsOptional()
  @IsDecimalInRange(0, MAX_AMOUNT)
  receivedAmount?: Decimal;
  @Field({
    nullable: true,
    description: "CARD / MOBILE_WALLET: the reader's approval reference; BANK_TRANSFER: its reference",
  })
  @IsOptional()
  @Length(1, 255)
  reference?: string;
}

@InputType()
export class OfflineSaleInput {
  @Field(() => ID, {
    description: "The register's id for the sale (a UUID): the sale's id, and what makes a repeat a DUPLICATE",
  })
  @IsUUID()
  clientId!: string;
  @Field(() => Int, {
    description: "The register's number: the next of its series (terminalSyncState.lastSaleNumber + 1, ...)",
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  saleNumber!: number;
  @Field(() => ID, { description: 'The session that was open on the register' }) @IsUUID() sessionId!: string;
  @Field(() => ID) @IsUUID() cashierId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() customerId?: string;
  @Field() createdAt!: Date;
  @Field() completedAt!: Date;
  @Field(() => [OfflineSaleItemInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  items!: OfflineSaleItemInput[];
  @Field(() => OfflineDiscountInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  cartDiscount?: OfflineDiscountInput;
  @Field(() => [OfflinePaymentInput])
  @ArrayMaxSize(MAX_PAYMENTS)
  @ValidateNested({ each: true })
  payments!: OfflinePaymentInput[];
  @Field(() => DecimalScalar, { description: 'The total the register charged (before cash rounding)' })
  @IsDecimalInRange(0, MAX_AMOUNT)
  totalAmount!: Decimal;
}

@InputType()
export class SubmitOfflineSalesInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
  @Field(() => [OfflineSaleInput], { description: `In the register's order, 1 to ${MAX_OFFLINE_BATCH} a call` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OFFLINE_BATCH)
  @ValidateNested({ each: true })
  sales!: OfflineSaleInput[];
}

@ObjectType()
export class OfflineSaleWarning {
  @Field({
    description: 'PRICE_MISMATCH, TOTAL_MISMATCH, PAID_MISMATCH, NEGATIVE_STOCK, SESSION_CLOSED, PRODUCT_INACTIVE',
  })
  code!: string;
  @Field() message!: string;
  @Field(() => ID, { nullable: true }) productId?: string | null;
}

@ObjectType()
export class OfflineSaleSummary {
  @Field(() => ID) id!: string;
  @Field() saleNumber!: string;
  @Field(() => DecimalScalar) totalAmount!: Decimal;
}

@ObjectType()
export class OfflineSaleResult {
  @Field(() => ID) clientId!: string;
  @Field(() => OfflineSaleStatus) status!: OfflineSaleStatus;
  @Field(() => OfflineSaleSummary, { nullable: true }) sale?: OfflineSaleSummary | null;
  @Field(() => String, { nullable: true, description: 'Why it was REJECTED (an error code)' }) code?: string | null;
  @Field(() => String, { nullable: true }) message?: string | null;
  @Field(() => [OfflineSaleWarning]) warnings!: OfflineSaleWarning[];
}

@ObjectType()
export class TerminalSyncState {
  @Field(() => Int, { description: "The last number of the terminal's sale series (0 before its first sale)" })
  lastSaleNumber!: number;
  @Field(() => ID, { nullable: true }) openSessionId?: string | null;
  @Field({ description: 'The catalogue cursor of the newest change visible now (catalogueChanges)' })
  catalogueCursor!: string;
  @Field() serverTime!: Date;
}

@ObjectType()
export class FlaggedOfflineSale {
  @Field(() => ID, { description: "The sale's id (the register's clientId)" }) id!: string;
  @Field(() => ID) terminalId!: string;
  @Field(() => Int) registerNumber!: number;
  @Field(() => DecimalScalar, { description: 'What the register charged' }) registerTotal!: Decimal;
  @Field(() => DecimalScalar, { description: "The server's total for the same lines" }) computedTotal!: Decimal;
  @Field(() => [OfflineSaleWarning]) warnings!: OfflineSaleWarning[];
  @Field() completedAt!: Date;
  @Field({ description: 'When it reached the server' }) createdAt!: Date;
}

@ObjectType()
export class NegativeStockLevel {
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
  @Field() name!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int) onHand!: number;
}
