import Decimal from 'decimal.js';
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ApprovalPolicy } from '../entities/tenant.entity';
import { ApprovalPolicyType } from '../schema/approval-policy.types';
import { DecimalScalar } from '../schema/scalars';
import {
  priceOverrideThreshold,
  receiptlessReturnNeedsApproval,
  refundApprovalThreshold,
  refundWindowDays,
} from '../services/security/approval-policy';

/** The stored policy holds only what a tenant set; absent keys read as their defaults. */
@Resolver(() => ApprovalPolicyType)
export class ApprovalPolicyResolver {
  @FieldResolver(() => Boolean)
  payOutLimitedToExpectedCash(@Root() policy: ApprovalPolicy): boolean {
    return policy.payOutLimitedToExpectedCash !== false;
  }

  @FieldResolver(() => Int, { nullable: true })
  refundWindowDays(@Root() policy: ApprovalPolicy): number | null {
    return refundWindowDays(policy);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true })
  refundApprovalThreshold(@Root() policy: ApprovalPolicy): Decimal | null {
    return refundApprovalThreshold(policy);
  }

  @FieldResolver(() => DecimalScalar)
  priceOverrideThreshold(@Root() policy: ApprovalPolicy): Decimal {
    return priceOverrideThreshold(policy);
  }

  @FieldResolver(() => Boolean)
  receiptlessReturnNeedsApproval(@Root() policy: ApprovalPolicy): boolean {
    return receiptlessReturnNeedsApproval(policy);
  }
}
