import { IsEnum, IsIn, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { HardwareCommandKind, HardwareCommandStatus } from '../entities/hardware-command.entity';
import { JSONScalar } from './scalars';

registerEnumType(HardwareCommandKind, { name: 'HardwareCommandKind' });
registerEnumType(HardwareCommandStatus, {
  name: 'HardwareCommandStatus',
  description: 'PENDING until the agent acknowledges; DONE and FAILED are final',
});

@ObjectType('HardwareCommand', { description: "Work for a terminal's hardware agent (hardwareCommands)" })
export class HardwareCommandType {
  @Field(() => ID) id!: string;
  @Field(() => HardwareCommandKind) kind!: HardwareCommandKind;
  @Field(() => JSONScalar, {
    description:
      'PRINT_RECEIPT: { saleId, receipt } (the Receipt data, rendered when issued); OPEN_DRAWER: { reason, saleId? }',
  })
  payload!: Record<string, unknown>;
  @Field(() => HardwareCommandStatus) status!: HardwareCommandStatus;
  @Field(() => Int, { description: 'Times handed to an agent connection' }) attempts!: number;
  @Field(() => String, { nullable: true }) lastError?: string | null;
  @Field(() => ID) terminalId!: string;
  @Field(() => ID, { nullable: true }) saleId?: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt?: Date | null;
}

@InputType()
export class PrintReceiptInput {
  @Field(() => ID) @IsUUID() saleId!: string;
}

@InputType()
export class OpenCashDrawerInput {
  @Field(() => ID) @IsUUID() terminalId!: string;
  @Field({ description: 'Why the drawer is opened without a sale ("change for a note"); kept on the command' })
  @Length(1, 200)
  reason!: string;
}

@InputType()
export class AcknowledgeHardwareCommandInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => HardwareCommandStatus, { description: 'DONE or FAILED' })
  @IsEnum(HardwareCommandStatus)
  @IsIn([HardwareCommandStatus.DONE, HardwareCommandStatus.FAILED], { message: 'status must be DONE or FAILED' })
  status!: HardwareCommandStatus;
  @Field(() => String, { nullable: true, description: 'What went wrong (FAILED)' })
  @IsOptional()
  @Length(0, 2000)
  error?: string | null;
}
