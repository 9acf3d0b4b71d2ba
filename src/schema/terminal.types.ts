import { IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DeviceTokenKind } from '../entities/device-token.entity';

registerEnumType(DeviceTokenKind, {
  name: 'DeviceTokenKind',
  description: 'What a device token may do (docs/api.md, Subscriptions)',
});

@ObjectType('Terminal', { description: 'A register at a location' })
export class TerminalType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'Unique per tenant, upper-case; never changes (it names the sale-number series)' })
  code!: string;
  @Field({ description: 'Inactive: no new sessions or sales, device tokens refused' }) isActive!: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      "Card reader of this register (Stripe reader id, Square device id); null: the gateway account's reader",
  })
  paymentReaderId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('DeviceToken', { description: 'A credential for one device of one terminal' })
export class DeviceTokenType {
  @Field(() => ID) id!: string;
  @Field(() => DeviceTokenKind) kind!: DeviceTokenKind;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'The bearer token: only in the issueDeviceToken answer, never again',
  })
  token!: string | null;
  terminalId!: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
/** Stripe reader ids (tmr_...) and Square device ids (device:...) fit this; nothing else reaches a provider URL. */
const READER = /^[A-Za-z0-9_:-]{1,100}$/;
const READER_MESSAGE = 'paymentReaderId must be 1-100 letters, digits, "_", ":" or "-"';

@InputType()
export class CreateTerminalInput {
  @Field() @Length(1, 100) name!: string;
  @Field() @Matches(CODE, { message: 'code must be 1-20 letters, digits, "-" or "_"' }) code!: string;
  @Field(() => ID) @IsUUID() locationId!: string;
  @Field(() => String, { nullable: true, description: "Unset: the gateway account's reader" })
  @IsOptional()
  @Matches(READER, { message: READER_MESSAGE })
  paymentReaderId?: string | null;
}

@InputType()
export class UpdateTerminalInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) name?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() locationId?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isActive?: boolean;
  @Field(() => String, { nullable: true, description: "Absent: unchanged; null: the gateway account's reader" })
  @IsOptional()
  @Matches(READER, { message: READER_MESSAGE })
  paymentReaderId?: string | null;
}

@InputType()
export class IssueDeviceTokenInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
  @Field(() => DeviceTokenKind) @IsEnum(DeviceTokenKind) kind!: DeviceTokenKind;
  @Field({ nullable: true, description: 'Where the device is ("front counter display")' })
  @IsOptional()
  @Length(1, 100)
  label?: string;
}
