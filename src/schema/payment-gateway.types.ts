import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import type { GatewayMethod } from '../services/sales/payments/payment-gateway';
import { GATEWAY_METHODS } from '../services/sales/payments/tenders/gateway-tender';

const CONFIGURABLE = ['SIMULATOR', 'STRIPE', 'SQUARE'] as const;
/** Provider ids and secrets are printable ASCII without spaces. */
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * A tenant's account at a provider, as the API shows it: never its secrets
 * (docs/payments.md). Only whether they are set and the non-secret ids.
 */
@ObjectType('PaymentGatewayAccount')
export class PaymentGatewayAccountType {
  @Field() provider!: string;
  @Field(() => String, { nullable: true }) readerId?: string | null;
  @Field(() => String, { nullable: true }) locationId?: string | null;
  @Field({ description: 'Credentials are stored (encrypted); they are never returned' }) hasCredentials!: boolean;
  @Field() updatedAt!: Date;
}

@InputType()
export class ConfigurePaymentGatewayInput {
  @Field({ description: 'SIMULATOR, STRIPE or SQUARE' }) @IsIn(CONFIGURABLE) provider!:
    'SIMULATOR' | 'STRIPE' | 'SQUARE';
  @Field(() => [String], { description: 'CARD and/or MOBILE_WALLET: the methods this gateway serves from now on' })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(GATEWAY_METHODS, { each: true })
  methods!: GatewayMethod[];
  @Field({ nullable: true, description: 'Stripe secret key or Square access token (write-only)' })
  @IsOptional()
  @Length(8, 500)
  @Matches(TOKEN)
  apiKey?: string;
  @Field({ nullable: true, description: 'Stripe webhook signing secret or Square signature key (write-only)' })
  @IsOptional()
  @Length(8, 500)
  @Matches(TOKEN)
  webhookSecret?: string;
  @Field({
    nullable: true,
    description: 'Stripe reader id (tmr_...) or Square device id: the reader of terminals that have none of their own',
  })
  @IsOptional()
  @Length(1, 255)
  @Matches(TOKEN)
  readerId?: string;
  @Field({ nullable: true, description: 'Square location id' })
  @IsOptional()
  @Length(1, 255)
  @Matches(TOKEN)
  locationId?: string;
}
