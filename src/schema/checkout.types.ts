import Decimal from 'decimal.js';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentStatus } from '../entities/payment-enums';
import { PaymentMethod, SaleStatus } from '../entities/sale-enums';
import { CartItemType, CartType } from './cart.types';
import { Connection } from './connection';
import { ApprovalFields } from './approval-policy.types';
import { DecimalScalar } from './scalars';
import { IsDecimalInRange } from './validators';
import { CostField } from '../auth/cost-fields';

registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: "SPLIT is only a sale's derived method, never a payment's",
});
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

const MAX_AMOUNT = 99_999_999_999;
// Literal bounds (the cart's limits: 200 lines, 9999 units a line): importing the cart service here would be an import cycle.
const MAX_REFUND_LINES = 200;
const MAX_REFUND_UNITS = 9999;

@ObjectType('SaleItem')
export class SaleItemType extends CartItemType {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'COGS per unit (costAmount / quantity); null until completed',
  })
  @CostField()
  unitCost?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Exact cost of the line's units; null until completed" })
  @CostField()
  costAmount?: Decimal | null;
}

@ObjectType('SalePayment')
export class SalePaymentType {
  @Field(() => ID) id!: string;
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field(() => DecimalScalar, { description: 'The amount applied to the sale' }) amount!: Decimal;
  @Field(() => PaymentStatus) status!: PaymentStatus;
  @Field(() => DecimalScalar, { nullable: true, description: 'Cash handed over' }) receivedAmount?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true }) changeGiven?: Decimal | null;
  @Field(() => DecimalScalar, { description: 'Refunded against this payment' }) refundedAmount!: Decimal;
  @Field(() => String, { nullable: true, description: "The gateway's transaction reference" }) transactionRef?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Bank transfer reference; last 4 characters of a card or wallet',
  })
  reference?: string | null;
  @Field(() => String, { nullable: true, description: 'Why a FAILED payment failed (decline reason or "timeout")' })
  failureReason?: string | null;
  @Field() processedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Reversed by voiding the sale' }) voidedAt?: Date | null;
}

@ObjectType('RefundItem')
export class RefundItemType {
  @Field(() => ID, { nullable: true, description: 'The sale line; null for goods returned without a receipt' })
  saleItemId?: string | null;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar, { description: 'Money back for the units, tax included' }) amount!: string;
  @Field() returnToStock!: boolean;
  @Field(() => ID, { nullable: true, description: 'Without a sale line: the product returned' })
  productId?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Without a sale line: the price taken back at' })
  unitPrice?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Without a sale line: the tax part of amount' })
  taxAmount?: string | null;
  @Field(() => String, { nullable: true, description: 'Without a sale line: why it came back' })
  reason?: string | null;
}

@ObjectType('Refund')
export class RefundType {
  @Field(() => ID) id!: string;
  @Field({ description: 'R-000001: gapless per tenant' }) refundNumber!: string;
  @Field(() => DecimalScalar) amount!: Decimal;
  @Field(() => PaymentMethod) method!: PaymentMethod;
  @Field(() => PaymentStatus) status!: PaymentStatus;
  @Field() reason!: string;
  @Field(() => [RefundItemType], { description: 'Empty for an amount-only refund' }) items!: RefundItemType[];
  @Field(() => String, { nullable: true }) transactionRef?: string | null;
  @Field() processedAt!: Date;
}

@ObjectType('Sale', {
  description: 'A sale: a cart until COMPLETED, then immutable (voids and refunds write reversals)',
})
export class SaleType extends CartType {
  @Field(() => String, {
    nullable: true,
    description: '<terminal code>-000001, gapless per terminal; null until completed',
  })
  saleNumber?: string | null;
  @Field(() => PaymentMethod, { nullable: true, description: 'The method that paid it; SPLIT for several' })
  paymentMethod?: PaymentMethod | null;
  @Field(() => Date, { nullable: true }) completedAt?: Date | null;
  @Field(() => Date, { nullable: true }) voidedAt?: Date | null;
  @Field(() => String, { nullable: true }) voidReason?: string | null;
}

@ObjectType('SaleConnection')
export class SaleConnection extends Connection(SaleType, 'Sale') {}

@ObjectType('PaymentResult')
export class PaymentResultType {
  @Field(() => SaleType) sale!: SaleType;
  @Field(() => SalePaymentType) payment!: SalePaymentType;
  @Field(() => DecimalScalar, { description: 'Change to hand back for this payment (0 for non-cash)' })
  changeDue!: Decimal;
}

@InputType()
export class AddPaymentInput {
  @Field(() => ID) @IsUUID() saleId!: string;
  @Field(() => PaymentMethod) @IsEnum(PaymentMethod) method!: PaymentMethod;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Applied to the sale; default all that is due (cash: after cash rounding)',
  })
  @IsOptional()
  @IsDecimalInRange(0, MAX_AMOUNT, { minExclusive: true })
  amount?: Decimal;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'CASH: what was handed over (>= amount); the rest is change',
  })
  @IsOptional()
  @IsDecimalInRange(0, MAX_AMOUNT)
  receivedAmount?: Decimal;
  @Field({ nullable: true, description: 'CARD / MOBILE_WALLET: card token or wallet id; BANK_TRANSFER: its reference' })
  @IsOptional()
  @Length(1, 255)
  reference?: string;
  @Field({ description: 'A retry with the same key and input returns the first result without charging again' })
  @Length(1, 100)
  idempotencyKey!: string;
}

@InputType()
export class CompleteSaleInput {
  @Field(() => ID) @IsUUID() saleId!: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) idempotencyKey?: string;
  @Field(() => PaymentMethod, {
    nullable: true,
    description:
      'An exchange whose returned goods are worth more: how the store pays out (CASH default, CREDIT, or CARD / MOBILE_WALLET back to the payment of the returned goods)',
  })
  @IsOptional()
  @IsEnum(PaymentMethod)
  payoutMethod?: PaymentMethod;
}

@InputType()
export class VoidSaleInput extends ApprovalFields {
  @Field(() => ID) @IsUUID() saleId!: string;
  @Field() @Length(1, 255) reason!: string;
  @Field({ nullable: true, description: 'Retrying with the same key replays the first answer (docs/errors.md)' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string;
}

@InputType()
export class RefundItemInput {
  @Field(() => ID) @IsUUID() saleItemId!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(MAX_REFUND_UNITS) quantity!: number;
  @Field({ nullable: true, description: 'Default true: the units go back on the shelf' })
  @IsOptional()
  @IsBoolean()
  returnToStock?: boolean;
}

@InputType({ description: 'Either items (units per sale line) or an amount' })
export class CreateRefundInput extends ApprovalFields {
  @Field(() => ID) @IsUUID() saleId!: string;
  @Field(() => [RefundItemInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_REFUND_LINES)
  @ValidateNested({ each: true })
  items?: RefundItemInput[];
  @Field(() => DecimalScalar, { nullable: true, description: 'An amount-only refund' })
  @IsOptional()
  @IsDecimalInRange(0, MAX_AMOUNT, { minExclusive: true })
  amount?: Decimal;
  @Field(() => PaymentMethod) @IsEnum(PaymentMethod) method!: PaymentMethod;
  @Field() @Length(1, 500) reason!: string;
  @Field(() => ID, { nullable: true, description: 'The OPEN session whose drawer pays a CASH refund' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
  @Field() @Length(1, 100) idempotencyKey!: string;
}

@InputType()
export class SendReceiptEmailInput {
  @Field(() => ID) @IsUUID() saleId!: string;
  @Field() @IsEmail() @MaxLength(254) email!: string;
}

@InputType()
export class SaleFilter {
  @Field(() => Date, { nullable: true, description: 'Completed at or after' }) @IsOptional() @IsDate() from?: Date;
  @Field(() => Date, { nullable: true, description: 'Completed before' }) @IsOptional() @IsDate() to?: Date;
  @Field(() => SaleStatus, { nullable: true }) @IsOptional() @IsEnum(SaleStatus) status?: SaleStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() cashierId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() terminalId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() locationId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() customerId?: string;
}
