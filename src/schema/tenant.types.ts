import Decimal from 'decimal.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ApprovalPolicyInput, ApprovalPolicyType } from './approval-policy.types';
import { CostingMethod, Role, RoundingMode } from './enums';
import { DecimalScalar } from './scalars';
import { IsCurrencyCode, IsDecimalInRange, IsTimeZone } from './validators';

@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field() currency!: string;
  @Field() pricesIncludeTax!: boolean;
  @Field(() => CostingMethod) costingMethod!: CostingMethod;
  @Field(() => DecimalScalar) cashRoundingIncrement!: Decimal;
  @Field(() => RoundingMode) roundingMode!: RoundingMode;
  @Field() allowNegativeStock!: boolean;
  @Field() timezone!: string;
  @Field(() => DecimalScalar, { description: 'Percent above which a discount needs manager approval' })
  discountApprovalThreshold!: Decimal;
  @Field(() => Int) cartExpiryMinutes!: number;
  @Field(() => Int) parkedCartExpiryHours!: number;
  @Field() paymentGateway!: string;
  @Field(() => String, { nullable: true, description: 'Gateway for mobile wallets; null: the card one' })
  walletPaymentGateway?: string | null;
  @Field(() => String, { nullable: true }) autoCloseSessionsAt?: string | null;
  @Field(() => [String]) reportRecipients!: string[];
  @Field(() => ApprovalPolicyType) approvalPolicy!: ApprovalPolicyType;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() name!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field() isActive!: boolean;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field() token!: string;
  @Field(() => UserType) user!: UserType;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const PIN_PATTERN = /^\d{4,8}$/;

@InputType()
export class RegisterTenantInput {
  @Field() @Length(1, 200) name!: string;
  @Field() @Matches(SLUG, { message: 'slug must be 1-60 lower-case letters, digits or dashes' }) slug!: string;
  @Field() @IsCurrencyCode() currency!: string;
  @Field() @IsEmail() @MaxLength(254) ownerEmail!: string;
  @Field() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX) ownerPassword!: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) ownerName?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() pricesIncludeTax?: boolean;
  @Field(() => CostingMethod, { nullable: true }) @IsOptional() costingMethod?: CostingMethod;
  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @IsDecimalInRange(0, 1000)
  cashRoundingIncrement?: Decimal;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone() timezone?: string;
}

@InputType()
export class LoginInput {
  @Field() @Length(1, 60) tenantSlug!: string;
  @Field() @Length(1, 254) email!: string;
  @Field() @Length(1, 200) password!: string;
}

@InputType()
export class CreateUserInput {
  @Field() @IsEmail() @MaxLength(254) email!: string;
  @Field() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX) password!: string;
  @Field() @Length(1, 200) name!: string;
  @Field(() => [Role]) @ArrayMinSize(1) @ArrayMaxSize(3) roles!: Role[];
  @Field({ nullable: true, description: 'A 4-8 digit PIN managers use to approve discounts' })
  @IsOptional()
  @Matches(PIN_PATTERN, { message: 'pin must be 4 to 8 digits' })
  pin?: string;
}

@InputType()
export class UpdateTenantSettingsInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsCurrencyCode() currency?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() pricesIncludeTax?: boolean;
  @Field(() => CostingMethod, { nullable: true }) @IsOptional() costingMethod?: CostingMethod;
  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @IsDecimalInRange(0, 1000)
  cashRoundingIncrement?: Decimal;
  @Field(() => RoundingMode, { nullable: true }) @IsOptional() roundingMode?: RoundingMode;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() allowNegativeStock?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone() timezone?: string;
  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @IsDecimalInRange(0, 100)
  discountApprovalThreshold?: Decimal;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(24 * 60) cartExpiryMinutes?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(24 * 30) parkedCartExpiryHours?: number;
  @Field({ nullable: true }) @IsOptional() @IsIn(['SIMULATOR']) paymentGateway?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'autoCloseSessionsAt must be HH:MM' })
  autoCloseSessionsAt?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  reportRecipients?: string[];
  @Field(() => ApprovalPolicyInput, { nullable: true, description: 'Merged into the current policy' })
  @IsOptional()
  @ValidateNested()
  approvalPolicy?: ApprovalPolicyInput;
}
