import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsIn,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { AUDIT_EVENT_TYPES } from '../services/security/audit-log';
import { Connection } from './connection';
import { Role } from './enums';
import { JSONScalar } from './scalars';
import { PASSWORD_MAX, PASSWORD_MIN, PIN_PATTERN } from './tenant.types';

@InputType()
export class UpdateUserInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => [Role], { nullable: true }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(3) roles?: Role[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isActive?: boolean;
}

@InputType()
export class ResetUserPasswordInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX) newPassword!: string;
}

@InputType()
export class SetUserPinInput {
  @Field(() => ID) @IsUUID() userId!: string;
  @Field(() => String, { nullable: true, description: '4-8 digits; null removes the PIN' })
  @IsOptional()
  @Matches(PIN_PATTERN, { message: 'pin must be 4 to 8 digits' })
  pin?: string | null;
}

@InputType()
export class RevokeUserTokensInput {
  @Field(() => ID) @IsUUID() userId!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field() @Length(1, PASSWORD_MAX) currentPassword!: string;
  @Field() @MinLength(PASSWORD_MIN) @MaxLength(PASSWORD_MAX) newPassword!: string;
}

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true, description: 'At or after' }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true, description: 'Before' }) @IsOptional() @IsDate() to?: Date;
  @Field({ nullable: true, description: 'e.g. login.failed' })
  @IsOptional()
  @IsIn([...AUDIT_EVENT_TYPES])
  type?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() actorId?: string;
}

@ObjectType('AuditEvent')
export class AuditEventType {
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field(() => ID, { nullable: true, description: 'The user or device token that acted' }) actorId?: string | null;
  @Field(() => String, { nullable: true, description: 'user or device' }) actorKind?: string | null;
  @Field(() => String, { nullable: true }) subjectType?: string | null;
  @Field(() => String, { nullable: true }) subjectId?: string | null;
  @Field() requestId!: string;
  @Field(() => JSONScalar) data!: Record<string, unknown>;
  @Field() createdAt!: Date;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection extends Connection(AuditEventType, 'AuditEvent') {}
