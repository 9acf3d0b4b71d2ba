import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApprovalPolicy } from '../entities/tenant.entity';
import { ApprovalPolicyType } from '../schema/approval-policy.types';

/** The stored policy holds only what a tenant set; absent flags read as their defaults. */
@Resolver(() => ApprovalPolicyType)
export class ApprovalPolicyResolver {
  @FieldResolver(() => Boolean)
  payOutLimitedToExpectedCash(@Root() policy: ApprovalPolicy): boolean {
    return policy.payOutLimitedToExpectedCash !== false;
  }

  @FieldResolver(() => Boolean)
  receiptlessReturnNeedsApproval(@Root() policy: ApprovalPolicy): boolean {
    return policy.receiptlessReturnNeedsApproval !== false;
  }
}
