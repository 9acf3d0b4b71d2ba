import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { Connection } from './connection';

registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

const MAX_URL = 2048;
const MAX_EVENTS = 20;

@ObjectType('WebhookEndpoint')
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [String], { description: 'Event types, or * for all' }) events!: string[];
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field({ description: 'false when disabled by a user or after failing too long (disabledReason)' })
  isActive!: boolean;
  @Field(() => String, { nullable: true }) disabledReason?: string | null;
  @Field(() => Date, { nullable: true, description: 'Until then the previous secret signs too' })
  previousSecretExpiresAt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Start of the current run of failed attempts' })
  failingSince?: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('WebhookEndpointWithSecret', { description: 'The secret is shown here only: store it now' })
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
  @Field() secret!: string;
}

@ObjectType('WebhookAttempt')
export class WebhookAttemptType {
  @Field() at!: string;
  @Field(() => Int, { nullable: true, description: 'null when no answer came (timeout, connection refused)' })
  statusCode?: number | null;
  @Field(() => Int) durationMs!: number;
  @Field({ description: 'The first 1 KiB of the answer, or the network error' }) responseExcerpt!: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => ID, { description: 'POS-Event-Id: the same on every attempt and redelivery' }) eventId!: string;
  @Field() eventType!: string;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => [WebhookAttemptType], { description: 'Oldest first (the last 30)' }) attempts!: WebhookAttemptType[];
  @Field(() => Date, { nullable: true }) nextAttemptAt?: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType('WebhookDeliveryConnection')
export class WebhookDeliveryConnection extends Connection(WebhookDeliveryType, 'WebhookDelivery') {}

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'https (http only where private endpoints are allowed)' })
  @Length(1, MAX_URL)
  url!: string;
  @Field(() => [String]) @ArrayMinSize(1) @ArrayMaxSize(MAX_EVENTS) @MaxLength(60, { each: true }) events!: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, MAX_URL) url?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS)
  @MaxLength(60, { each: true })
  events?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true also clears a disable after failures' })
  @IsOptional()
  isActive?: boolean | null;
}
