import Decimal from 'decimal.js';
import { IsBoolean, IsEmail, IsOptional, Length, MaxLength, Matches, IsObject } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from './connection';
import { DecimalScalar, JSONScalar } from './scalars';
import { IsBoundedJson, IsDecimalInRange, IsTimeZone } from './validators';
import { CostField } from '../auth/cost-fields';

/** Attributes are a few labels (colour, size), not a document store (docs/security.md). */
const ATTRIBUTES_MAX_DEPTH = 4;
const ATTRIBUTES_MAX_CHARS = 8192;

@ObjectType('Location')
export class LocationType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() code!: string;
  @Field({ description: 'IANA time zone; a sale belongs to the day of its completion here' }) timezone!: string;
  @Field() isActive!: boolean;
}

@ObjectType('Product')
export class ProductType {
  @Field(() => ID) id!: string;
  @Field() sku!: string;
  @Field(() => String, { nullable: true }) barcode?: string | null;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => DecimalScalar) price!: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: 'null without inventory:cost:read' })
  @CostField()
  costPrice!: Decimal;
  @Field(() => DecimalScalar, { description: 'A fraction: 0.0825 is 8.25 %' }) taxRate!: Decimal;
  @Field(() => JSONScalar, { nullable: true }) attributes?: Record<string, unknown> | null;
  @Field() isActive!: boolean;
}

@ObjectType('ProductConnection')
export class ProductConnection extends Connection(ProductType) {}

@ObjectType('Customer')
export class CustomerType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => DecimalScalar) storeCreditBalance!: Decimal;
}

@ObjectType('CustomerConnection')
export class CustomerConnection extends Connection(CustomerType) {}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;

@InputType()
export class CreateLocationInput {
  @Field() @Length(1, 200) name!: string;
  @Field() @Matches(CODE, { message: 'code must be 1-20 letters, digits, - or _' }) code!: string;
  @Field({ nullable: true, description: "Defaults to the tenant's time zone" })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;
}

const MONEY_MAX = 1_000_000_000;

@InputType()
export class CreateProductInput {
  @Field() @Length(1, 100) sku!: string;
  @Field() @Length(1, 255) name!: string;
  @Field(() => DecimalScalar) @IsDecimalInRange(0, MONEY_MAX) price!: Decimal;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) barcode?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() @IsDecimalInRange(0, 1) taxRate?: Decimal;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() @IsDecimalInRange(0, MONEY_MAX) costPrice?: Decimal;
  @Field(() => JSONScalar, { nullable: true })
  @IsOptional()
  @IsObject()
  @IsBoundedJson(ATTRIBUTES_MAX_DEPTH, ATTRIBUTES_MAX_CHARS)
  attributes?: Record<string, unknown> | null;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isActive?: boolean;
}

@InputType({ description: 'Only the fields given change; null clears barcode, category and attributes' })
export class UpdateProductInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) sku?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 255) name?: string;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() @IsDecimalInRange(0, MONEY_MAX) price?: Decimal;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) barcode?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() @IsDecimalInRange(0, 1) taxRate?: Decimal;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() @IsDecimalInRange(0, MONEY_MAX) costPrice?: Decimal;
  @Field(() => JSONScalar, { nullable: true })
  @IsOptional()
  @IsObject()
  @IsBoundedJson(ATTRIBUTES_MAX_DEPTH, ATTRIBUTES_MAX_CHARS)
  attributes?: Record<string, unknown> | null;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isActive?: boolean;
}

@InputType()
export class CreateCustomerInput {
  @Field() @Length(1, 200) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: 'phone must be 3-40 digits, spaces or + ( ) . / -' })
  phone?: string | null;
}

@InputType({ description: 'Fields left out stay as they are; email or phone null clears it' })
export class UpdateCustomerInput {
  @Field(() => ID) @Length(1, 64) id!: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()./-]{3,40}$/, { message: 'phone must be 3-40 digits, spaces or + ( ) . / -' })
  phone?: string | null;
}
