import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { TenantContext } from '../context';
import { WebhookDelivery, WebhookEndpoint } from '../entities';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryConnection,
  WebhookDeliveryType,
  WebhookEndpointType,
  WebhookEndpointWithSecretType,
} from '../schema/webhook.types';
import type { EndpointWithSecret } from '../services/webhooks/webhook-endpoint.service';

@ArgsType()
class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID) @IsUUID() endpointId!: string;
  @Field(() => WebhookDeliveryStatus, { nullable: true }) @IsOptional() status?: WebhookDeliveryStatus;
}

@Resolver(() => WebhookEndpointType)
export class WebhookResolver {
  @Authorized('webhook:manage')
  @Mutation(() => WebhookEndpointWithSecretType, { description: 'The secret is returned once' })
  createWebhookEndpoint(
    @Ctx() ctx: TenantContext,
    @Arg('input') input: CreateWebhookEndpointInput,
  ): Promise<EndpointWithSecret> {
    return ctx.services.webhooks.create(ctx, input);
  }

  @Authorized('webhook:manage')
  @Query(() => [WebhookEndpointType])
  webhookEndpoints(@Ctx() ctx: TenantContext): Promise<WebhookEndpoint[]> {
    return ctx.services.webhooks.list(ctx);
  }

  @Authorized('webhook:manage')
  @Mutation(() => WebhookEndpointType)
  updateWebhookEndpoint(
    @Ctx() ctx: TenantContext,
    @Arg('input') input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.update(ctx, input);
  }

  @Authorized('webhook:manage')
  @Mutation(() => Boolean)
  deleteWebhookEndpoint(@Ctx() ctx: TenantContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.webhooks.delete(ctx, id);
  }

  @Authorized('webhook:manage')
  @Mutation(() => WebhookEndpointWithSecretType, {
    description: 'The previous secret keeps signing during the overlap',
  })
  rotateWebhookSecret(@Ctx() ctx: TenantContext, @Arg('id', () => ID) id: string): Promise<EndpointWithSecret> {
    return ctx.services.webhooks.rotateSecret(ctx, id);
  }

  @Authorized('webhook:manage')
  @Query(() => WebhookDeliveryConnection, { description: 'Newest first' })
  async webhookDeliveries(
    @Ctx() ctx: TenantContext,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    return toConnection(await ctx.services.webhooks.deliveries(ctx, args, args));
  }

  @Authorized('webhook:manage')
  @Mutation(() => WebhookDeliveryType, { description: 'Sends it again now (same event id)' })
  redeliverWebhook(
    @Ctx() ctx: TenantContext,
    @Arg('deliveryId', () => ID) deliveryId: string,
  ): Promise<WebhookDelivery> {
    return ctx.services.webhooks.redeliver(ctx, deliveryId);
  }
}
