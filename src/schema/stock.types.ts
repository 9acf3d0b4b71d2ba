import Decimal from 'decimal.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  MaxLength,
  ValidateNested,
  NotEquals,
} from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { StockMovementType as MovementType, StockReferenceType } from '../entities/stock-enums';
import { Connection } from './connection';
import { DecimalScalar } from './scalars';
import { IsDecimalInRange } from './validators';
import { CostField } from '../auth/cost-fields';

registerEnumType(MovementType, {
  name: 'StockMovementType',
  description: 'IN adds units, OUT removes them, ADJUSTMENT corrects a count',
});
registerEnumType(StockReferenceType, { name: 'StockReferenceType', description: 'What caused a stock movement' });

const MAX_QUANTITY = 1_000_000;

@ObjectType('StockLevel')
export class StockLevelType {
  @Field(() => ID) productId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int) onHand!: number;
  @Field(() => Int) reserved!: number;
  @Field(() => Int, { description: 'onHand - reserved' }) available!: number;
}

@ObjectType('StockMovement')
export class StockMovementType {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => MovementType) type!: MovementType;
  @Field(() => Int, { description: 'Signed: positive adds to onHand, negative removes' }) quantity!: number;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => StockReferenceType) referenceType!: StockReferenceType;
  @Field(() => String, { nullable: true }) referenceId?: string | null;
  @Field(() => ID, { nullable: true }) actorId?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) @CostField() unitCost?: Decimal | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Cost of the units moved (consumed cost for OUT)' })
  @CostField()
  costAmount?: Decimal | null;
  @Field() createdAt!: Date;
}

@ObjectType('StockMovementConnection')
export class StockMovementConnection extends Connection(StockMovementType) {}

@InputType()
export class ReceiveStockLineInput {
  @Field(() => ID) @IsUUID() productId!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(MAX_QUANTITY) quantity!: number;
  @Field(() => DecimalScalar) @IsDecimalInRange(0, 1_000_000_000) unitCost!: Decimal;
}

@InputType()
export class ReceiveStockInput {
  @Field(() => ID) @IsUUID() locationId!: string;
  @Field(() => String, { nullable: true, description: 'Delivery note or purchase order number' })
  @IsOptional()
  @Length(1, 100)
  reference?: string | null;
  @Field(() => [ReceiveStockLineInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  lines!: ReceiveStockLineInput[];
}

@InputType()
export class AdjustStockInput {
  @Field(() => ID) @IsUUID() locationId!: string;
  @Field(() => ID) @IsUUID() productId!: string;
  @Field(() => Int, { description: 'Signed, not 0' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_QUANTITY)
  @Max(MAX_QUANTITY)
  quantity!: number;
  @Field() @Length(1, 500) reason!: string;
}

@InputType()
export class StockMovementFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() productId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() locationId?: string;
  @Field(() => MovementType, { nullable: true }) @IsOptional() type?: MovementType;
  @Field(() => StockReferenceType, { nullable: true }) @IsOptional() referenceType?: StockReferenceType;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) referenceId?: string;
  @Field({ nullable: true, description: 'Inclusive' }) @IsOptional() from?: Date;
  @Field({ nullable: true, description: 'Exclusive' }) @IsOptional() to?: Date;
}
