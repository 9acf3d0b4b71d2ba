import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TenantContext } from '../context';
import { DeviceToken, PosTerminal } from '../entities';
import { DeviceTokenType, IssueDeviceTokenInput, TerminalType } from '../schema/terminal.types';
import { byIdLoader } from '../services/core/by-id-loader';

function view(record: DeviceToken, token: string | null = null): DeviceTokenType {
  return {
    id: record.id,
    kind: record.kind,
    label: record.label ?? null,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt ?? null,
    token,
    terminalId: record.terminal.id,
  };
}

@Resolver(() => DeviceTokenType)
export class DeviceTokenResolver {
  @Authorized('pos:terminal:update')
  @Mutation(() => DeviceTokenType, {
    description: 'A token for one device of one terminal; `token` is shown this once',
  })
  async issueDeviceToken(
    @Arg('input') input: IssueDeviceTokenInput,
    @Ctx() ctx: TenantContext,
  ): Promise<DeviceTokenType> {
    const issued = await ctx.services.deviceTokens.issue(ctx, input);
    return view(issued.record, issued.token);
  }

  @Authorized('pos:terminal:update')
  @Mutation(() => Boolean, { description: 'Every later request with the token is UNAUTHENTICATED' })
  revokeDeviceToken(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<boolean> {
    return ctx.services.deviceTokens.revoke(ctx, id);
  }

  @Authorized('pos:terminal:read')
  @Query(() => [DeviceTokenType], {
    description: "A terminal's device tokens, newest first (without the tokens themselves)",
  })
  async deviceTokens(
    @Arg('terminalId', () => ID) terminalId: string,
    @Ctx() ctx: TenantContext,
    @Arg('includeRevoked', () => Boolean, { nullable: true }) includeRevoked?: boolean,
  ): Promise<DeviceTokenType[]> {
    const rows = await ctx.services.deviceTokens.list(ctx, terminalId, includeRevoked ?? false);
    return rows.map((row) => view(row));
  }

  @FieldResolver(() => TerminalType)
  async terminal(@Root() token: DeviceTokenType, @Ctx() ctx: TenantContext): Promise<PosTerminal> {
    return (await byIdLoader(ctx, PosTerminal).load(token.terminalId))!;
  }
}
