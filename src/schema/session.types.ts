import Decimal from 'decimal.js';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsObject,
  IsOptional,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CashMovementType } from '../entities/cash-movement.entity';
import { PosSessionStatus } from '../entities/pos-session.entity';
import { ApprovalFields } from './approval-policy.types';
import { Connection } from './connection';
import { DecimalScalar, JSONScalar } from './scalars';
import { IsDecimalInRange } from './validators';

registerEnumType(PosSessionStatus, { name: 'SessionStatus' });
registerEnumType(CashMovementType, { name: 'CashMovementType' });

const COUNT_DOC =
  'Denomination -> number of pieces, e.g. {"100": 1, "0.25": 4}. As input it works only as a variable (a GraphQL literal cannot quote keys): inline, use the Denominations list';

@InputType({ description: 'One denomination of a cash count and how many pieces of it' })
export class DenominationCountInput {
  @Field(() => DecimalScalar, { description: 'A positive face value, at most 4 decimals: "100", "0.25"' })
  @IsDecimalInRange(0, 999_999_999, { minExclusive: true })
  denomination!: Decimal;
  @Field(() => Int) @Min(0) @Max(1_000_000) count!: number;
}

const LINES_DOC =
  'The count as typed lines, e.g. [{denomination: "100", count: 1}, {denomination: "0.25", count: 4}]; instead of the JSON form';

@ObjectType('Session', { description: 'A cash drawer from opening to closing' })
export class SessionType {
  @Field(() => ID) id!: string;
  @Field({ description: 'S-000001: gapless per tenant' }) sessionNumber!: string;
  @Field(() => PosSessionStatus) status!: PosSessionStatus;
  @Field(() => DecimalScalar) openingBalance!: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: 'The counted cash at closing' })
  closingBalance!: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'What the drawer should hold, fixed at closing' })
  expectedBalance!: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'closingBalance - expectedBalance (negative: short)' })
  variance!: Decimal | null;
  @Field() openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => JSONScalar, { nullable: true, description: COUNT_DOC }) openingCount!: unknown;
  @Field(() => JSONScalar, { nullable: true, description: COUNT_DOC }) closingCount!: unknown;
  @Field(() => String, { nullable: true, description: "The closer's notes" }) notes!: string | null;
  @Field(() => Date, { nullable: true, description: "A manager's sign-off (reconcileSession)" })
  reconciledAt!: Date | null;
  @Field(() => String, { nullable: true }) reconcileNotes!: string | null;
  @Field({ description: 'Auto-closed without a count (variance unknown) and not yet reconciled' })
  needsReconciliation!: boolean;
}

@ObjectType('SessionConnection')
export class SessionConnection extends Connection(SessionType, 'Session') {}

@ObjectType('CashMovement', { description: 'Cash put into (PAY_IN) or taken out of (PAY_OUT) a drawer outside a sale' })
export class CashMovementObject {
  @Field(() => ID) id!: string;
  @Field(() => CashMovementType) type!: CashMovementType;
  @Field(() => DecimalScalar, { description: 'Always positive' }) amount!: Decimal;
  @Field() reason!: string;
  @Field() createdAt!: Date;
}

@ObjectType('PaymentMethodAmount')
export class PaymentMethodAmount {
  @Field() method!: string;
  @Field(() => DecimalScalar) amount!: Decimal;
}

@ObjectType('SessionReport', {
  description:
    "X report (figures so far) or Z report (closing figures). Sale figures come from the session's completed sales, " +
    'their payments and the refunds paid in the session.',
})
export class SessionReport {
  @Field(() => Int) salesCount!: number;
  @Field(() => DecimalScalar, { description: 'Completed sales before discounts and tax' }) grossSales!: Decimal;
  @Field(() => DecimalScalar) discounts!: Decimal;
  @Field(() => DecimalScalar) tax!: Decimal;
  @Field(() => [PaymentMethodAmount], { description: "Payments by method, net of that method's refunds" })
  netByPaymentMethod!: PaymentMethodAmount[];
  @Field(() => DecimalScalar) refunds!: Decimal;
  @Field(() => DecimalScalar, { description: 'Cash applied to sales (change not included)' }) cashSales!: Decimal;
  @Field(() => DecimalScalar) cashRefunds!: Decimal;
  @Field(() => DecimalScalar, { description: 'Pay-ins' }) cashIn!: Decimal;
  @Field(() => DecimalScalar, { description: 'Pay-outs' }) cashOut!: Decimal;
  @Field(() => DecimalScalar) openingBalance!: Decimal;
  @Field(() => DecimalScalar, { description: 'opening + cash sales - cash refunds + pay-ins - pay-outs' })
  expectedCash!: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: 'The closing count; null in an X report' })
  countedCash!: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'countedCash - expectedCash; null in an X report' })
  variance!: Decimal | null;
}

@InputType()
export class OpenSessionInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Required unless openingCount is given; must equal its sum when both are',
  })
  @IsOptional()
  @IsDecimalInRange(0, null)
  openingBalance?: Decimal;
  @Field(() => JSONScalar, { nullable: true, description: COUNT_DOC }) @IsOptional() @IsObject() openingCount?: unknown;
  @Field(() => [DenominationCountInput], { nullable: true, description: LINES_DOC })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  openingDenominations?: DenominationCountInput[];
}

@InputType()
export class CloseSessionInput {
  @Field(() => ID) @IsUUID() sessionId!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Required unless closingCount is given; must equal its sum when both are',
  })
  @IsOptional()
  @IsDecimalInRange(0, null)
  closingBalance?: Decimal;
  @Field(() => JSONScalar, { nullable: true, description: COUNT_DOC }) @IsOptional() @IsObject() closingCount?: unknown;
  @Field(() => [DenominationCountInput], { nullable: true, description: LINES_DOC })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  closingDenominations?: DenominationCountInput[];
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) notes?: string;
}

@InputType()
export class ReconcileSessionInput {
  @Field(() => ID) @IsUUID() sessionId!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) notes?: string;
}

@InputType()
export class RecordCashMovementInput extends ApprovalFields {
  @Field(() => ID) @IsUUID() sessionId!: string;
  @Field(() => CashMovementType) @IsEnum(CashMovementType) type!: CashMovementType;
  @Field(() => DecimalScalar) @IsDecimalInRange(0, null, { minExclusive: true }) amount!: Decimal;
  @Field() @Length(1, 500) reason!: string;
  @Field({ nullable: true, description: 'Retrying with the same key records the movement once (docs/errors.md)' })
  @IsOptional()
  @Length(1, 100)
  idempotencyKey?: string;
}

@InputType()
export class SessionFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() terminalId?: string;
  @Field(() => PosSessionStatus, { nullable: true }) @IsOptional() @IsEnum(PosSessionStatus) status?: PosSessionStatus;
  @Field({ nullable: true, description: 'Opened at or after' }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true, description: 'Opened before' }) @IsOptional() @IsDate() to?: Date;
  @Field({ nullable: true, description: 'true: signed off; false: closed or open and not yet signed off' })
  @IsOptional()
  @IsBoolean()
  reconciled?: boolean;
}
