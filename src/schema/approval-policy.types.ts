import Decimal from 'decimal.js';
import { IsBoolean, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ClassType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from './scalars';
import { IsDecimalInRange } from './validators';

@ObjectType('ApprovalPolicy', {
  description: "When an action needs a manager's approval (amounts in the tenant's currency)",
})
export class ApprovalPolicyType {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'A cash pay-out above this needs approval; null: none does',
  })
  payOutThreshold?: string | null;
  @Field({ description: 'false lets a pay-out exceed the cash expected in the drawer (default true)' })
  payOutLimitedToExpectedCash?: boolean;
  @Field(() => Int, {
    nullable: true,
    description: "A cashier's refund later than this many days after the sale needs approval (default 30); null: never",
  })
  refundWindowDays?: number | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "A cashier's refund above this amount needs approval (default 100.00); null: none does",
  })
  refundApprovalThreshold?: string | null;
  @Field(() => DecimalScalar, {
    description:
      "Percent below the product's price a cashier may set a line's price without approval (default 0: every override needs one)",
  })
  priceOverrideThreshold?: string;
  @Field({ description: 'A return without a receipt needs a manager (default true)' })
  receiptlessReturnNeedsApproval?: boolean;
}

@InputType()
export class ApprovalPolicyInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'null removes the threshold' })
  @IsOptional()
  @IsDecimalInRange(0, 1_000_000_000)
  payOutThreshold?: Decimal | null;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() payOutLimitedToExpectedCash?: boolean;
  @Field(() => Int, { nullable: true, description: '0 to 3650 days; null removes the window' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  refundWindowDays?: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'null removes the threshold' })
  @IsOptional()
  @IsDecimalInRange(0, 1_000_000_000)
  refundApprovalThreshold?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Percent, 0 to 100' })
  @IsOptional()
  @IsDecimalInRange(0, 100)
  priceOverrideThreshold?: Decimal;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() receiptlessReturnNeedsApproval?: boolean;
}

/**
 * Adds the two optional fields of every input whose action may need a
 * manager's approval to a base input (TypeGraphQL's mixin pattern: an input
 * has one base class). The mixed class is never a field's type, so it is not
 * in the schema; its inputs are.
 */
export function withApprovalFields<TBase extends ClassType>(Base: TBase) {
  @InputType()
  class Approved extends Base {
    @Field({ nullable: true, description: "A manager's PIN, when the action needs approval" })
    @IsOptional()
    @Matches(/^\d{4,8}$/, { message: 'approvedByPin must be 4 to 8 digits' })
    approvedByPin?: string;
    @Field({ nullable: true, description: "A signed-in manager's token, instead of a PIN" })
    @IsOptional()
    @Length(1, 4000)
    approverToken?: string;
  }
  return Approved;
}

@InputType('ApprovalFields')
export class ApprovalFields extends withApprovalFields(class {}) {}
