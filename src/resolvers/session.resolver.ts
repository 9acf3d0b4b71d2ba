import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TenantContext } from '../context';
import { CashMovement, PosSession, PosTerminal, User } from '../entities';
import { ConnectionArgs, ConnectionShape, toConnection } from '../schema/connection';
import {
  CashMovementObject,
  CloseSessionInput,
  OpenSessionInput,
  ReconcileSessionInput,
  RecordCashMovementInput,
  SessionConnection,
  SessionFilter,
  SessionReport,
  SessionType,
} from '../schema/session.types';
import { UserType } from '../schema/tenant.types';
import { TerminalType } from '../schema/terminal.types';
import { byIdLoader } from '../services/core/by-id-loader';
import { cashMovementLoader, sessionReport } from '../services/sessions/session-report';
import { SessionFigures } from '../money/session-figures';

async function userOf(ctx: TenantContext, ref: { id: string } | null | undefined): Promise<User | null> {
  return ref ? byIdLoader(ctx, User).load(ref.id) : null;
}

@Resolver(() => SessionType)
export class SessionResolver {
  @Authorized('pos:session:open')
  @Mutation(() => SessionType, { description: 'SESSION_ALREADY_OPEN when the terminal has an open session' })
  openSession(@Arg('input') input: OpenSessionInput, @Ctx() ctx: TenantContext): Promise<PosSession> {
    return ctx.services.sessions.open(ctx, input);
  }

  @Authorized('pos:session:close')
  @Mutation(() => SessionType)
  closeSession(@Arg('input') input: CloseSessionInput, @Ctx() ctx: TenantContext): Promise<PosSession> {
    return ctx.services.sessions.close(ctx, input);
  }

  @Authorized('pos:session:reconcile')
  @Mutation(() => SessionType, { description: "A manager's sign-off of a closed session (once)" })
  reconcileSession(@Arg('input') input: ReconcileSessionInput, @Ctx() ctx: TenantContext): Promise<PosSession> {
    return ctx.services.sessions.reconcile(ctx, input);
  }

  @Authorized('pos:session:open')
  @Mutation(() => CashMovementObject, { description: 'A pay-in or pay-out on an open session' })
  recordCashMovement(@Arg('input') input: RecordCashMovementInput, @Ctx() ctx: TenantContext): Promise<CashMovement> {
    return ctx.services.sessions.recordCashMovement(ctx, input);
  }

  @Authorized('pos:session:read')
  @Query(() => SessionType, { nullable: true, description: "The terminal's open session" })
  activeSession(
    @Arg('terminalId', () => ID) terminalId: string,
    @Ctx() ctx: TenantContext,
  ): Promise<PosSession | null> {
    return ctx.services.sessions.active(ctx, terminalId);
  }

  @Authorized('pos:session:read')
  @Query(() => SessionType, { nullable: true })
  session(@Arg('id', () => ID) id: string, @Ctx() ctx: TenantContext): Promise<PosSession | null> {
    return ctx.services.sessions.get(ctx, id);
  }

  @Authorized('pos:session:read')
  @Query(() => SessionConnection, { description: 'Newest first' })
  async sessions(
    @Args() page: ConnectionArgs,
    @Ctx() ctx: TenantContext,
    @Arg('filter', () => SessionFilter, { nullable: true }) filter?: SessionFilter,
  ): Promise<ConnectionShape<PosSession>> {
    return toConnection(await ctx.services.sessions.list(ctx, filter ?? {}, page));
  }

  @FieldResolver(() => TerminalType)
  async terminal(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<PosTerminal> {
    return (await byIdLoader(ctx, PosTerminal).load(session.terminal.id))!;
  }

  @FieldResolver(() => UserType)
  async openedBy(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<User> {
    return (await userOf(ctx, session.openedBy))!;
  }

  @FieldResolver(() => UserType, { nullable: true })
  closedBy(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<User | null> {
    return userOf(ctx, session.closedBy);
  }

  @FieldResolver(() => UserType, { nullable: true })
  reconciledBy(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<User | null> {
    return userOf(ctx, session.reconciledBy);
  }

  @FieldResolver(() => Boolean, { description: 'Signed off by a manager' })
  reconciled(@Root() session: PosSession): boolean {
    return !!session.reconciledAt;
  }

  @FieldResolver(() => [CashMovementObject], { description: 'Oldest first' })
  cashMovements(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<CashMovement[]> {
    return cashMovementLoader(ctx).load(session.id);
  }

  @FieldResolver(() => SessionReport, { description: 'Mid-session totals (the session stays open)' })
  async xReport(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<SessionFigures> {
    return (await sessionReport(ctx, session, 'X'))!;
  }

  @FieldResolver(() => SessionReport, {
    nullable: true,
    description: 'The closing figures; null while the session is open',
  })
  zReport(@Root() session: PosSession, @Ctx() ctx: TenantContext): Promise<SessionFigures | null> {
    return sessionReport(ctx, session, 'Z');
  }
}

@Resolver(() => CashMovementObject)
export class CashMovementResolver {
  @FieldResolver(() => ID)
  sessionId(@Root() movement: CashMovement): string {
    return movement.session.id;
  }

  @FieldResolver(() => UserType)
  async performedBy(@Root() movement: CashMovement, @Ctx() ctx: TenantContext): Promise<User> {
    return (await userOf(ctx, movement.performedBy))!;
  }
}
