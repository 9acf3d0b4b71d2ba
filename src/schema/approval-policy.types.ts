import Decimal from 'decimal.js';
import { IsBoolean, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
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
  @Field({ nullable: true }) @IsOptional() @IsBoolean() receiptlessReturnNeedsApproval?: boolean;
}

/** The two optional fields of every input whose action may need a manager's approval. */
@InputType('ApprovalFields')
export class ApprovalFields {
  @Field({ nullable: true, description: "A manager's PIN, when the action needs approval" })
  @IsOptional()
  @Matches(/^\d{4,8}$/, { message: 'approvedByPin must be 4 to 8 digits' })
  approvedByPin?: string;
  @Field({ nullable: true, description: "A signed-in manager's token, instead of a PIN" })
  @IsOptional()
  @Length(1, 4000)
  approverToken?: string;
}
